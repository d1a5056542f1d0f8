import SealpostCLI

SealpostCommand.runMain()
