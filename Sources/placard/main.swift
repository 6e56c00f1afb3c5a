import PlacardCLI

await PlacardCommand.start()
