/// libFuzzer's entry point: one input to the target chosen on the command line. Defined in every
/// build; only the `-sanitize=fuzzer` build links libFuzzer, whose `main` refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = Driver.target else { return 0 }
    target.run(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
