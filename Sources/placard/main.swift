import PlacardCLI

PlacardCommand.main()
