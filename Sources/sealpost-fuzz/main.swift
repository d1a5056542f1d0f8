// The fuzzing harness for Sealpost's readers: see Driver and FuzzTarget, and Tests/fuzz.sh.
//
// Built with `-sanitize=fuzzer,address -DSEALPOST_FUZZ` (Tests/fuzz.sh), this hands the command
// line, minus the target's name, to libFuzzer's driver. The ordinary build has no libFuzzer, and
// only lists, writes seeds and replays inputs.

#if SEALPOST_FUZZ
import Foundation

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

Driver.target = Driver.prepare(CommandLine.arguments)
// libFuzzer sees the program name and what follows the target's name.
var fuzzerArguments = ([CommandLine.arguments[0]] + CommandLine.arguments.dropFirst(2)).map { strdup($0) }
fuzzerArguments.append(nil)
var argc = CInt(fuzzerArguments.count - 1)
let status = fuzzerArguments.withUnsafeMutableBufferPointer { buffer -> CInt in
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzerTestOneInput(data, size) }
}
exit(status)
#else
import Foundation

_ = Driver.prepare(CommandLine.arguments)
print("sealpost-fuzz: this build has no libFuzzer; fuzz with Tests/fuzz.sh, or replay with --replay TARGET FILE...")
exit(2)
#endif
