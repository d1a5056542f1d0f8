import SealpostCLI
import SealpostCommandLine

await SealpostCommand.runReportingErrors()
