import SealpostCommandLine
import Testing

/// Both executables print failures the same way, each under its own name.
@Suite struct ErrorPrinterTests {
    @Test func errorThenHintUnderTheProgramsName() {
        let error = CommandLineError("the agreement is not in force", hint: "each party signs with: sealpost agreement sign")
        #expect(ErrorPrinter(program: "sealpost").rendered(error)
                == "sealpost: error: the agreement is not in force\nsealpost: hint: each party signs with: sealpost agreement sign\n")
        #expect(ErrorPrinter(program: "sealpost-relay").rendered(CommandLineError("no identity at /srv/relay"))
                == "sealpost-relay: error: no identity at /srv/relay\n")
        #expect(error.exitCode == 1)
    }
}
