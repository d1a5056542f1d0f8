import SealpostCLI
SealpostCommand.main()
