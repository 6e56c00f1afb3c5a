#ifndef PLACARD_SYSTEM_CALLS_H
#define PLACARD_SYSTEM_CALLS_H

/// Swaps two paths in one step (Linux's renameat2 with RENAME_EXCHANGE): a
/// reader sees either the old folder or the new one, never neither.
/// Returns 0, or -1 with errno set (ENOSYS or EINVAL where the system or the
/// file system cannot do it).
int placard_exchange_paths(const char *first, const char *second);

/// Flushes the file system holding `folder` to the disk (Linux's syncfs;
/// sync elsewhere). Returns 0, or -1 with errno set.
int placard_sync_file_system(const char *folder);

#endif
