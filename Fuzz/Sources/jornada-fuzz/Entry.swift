import Foundation
import InputLimits

/// libFuzzer's entry point: every reader sees every input. - Complexity: one read (and plan) per reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let text = try? InputText.decode(Data(bytes: data, count: size), file: "fuzz") else { return 0 }
    for reader in readers { _ = try? reader.read(text) }
    return 0
}

typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: FuzzCallback) -> Int32

/// SwiftPM renames an executable's `main` to `<module>_main` and links it as the program's entry;
/// libFuzzer's own `main` is then not linked, so this hands control to its driver.
@_cdecl("jornada_fuzz_main")
public func jornadaFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var count = argc
    var vector = argv
    return runFuzzerDriver(&count, &vector, fuzzOneInput)
}
