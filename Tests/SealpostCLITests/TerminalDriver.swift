import Foundation
import Testing

/// Runs the built `sealpost` on a real pseudo-terminal, as a person at a keyboard would: it waits
/// for each expected piece of text and only then types the next line (so nothing is typed ahead
/// into a prompt that flushes its input). The driver is Python's `pty` module: the terminal is the
/// operating system's, nothing about the prompt is simulated.
///
/// A line to type may contain `{suggestion}`: the six words the passphrase prompt last offered.
struct TerminalDriver {
    struct Step: Encodable {
        let expect: String
        let type: String
    }

    struct Result {
        let status: Int32
        /// Everything the program wrote on the terminal (prompts, notes, standard output and error).
        let transcript: String
    }

    static let script = #"""
    import json, os, pty, re, select, sys, time
    steps = json.loads(os.environ["DRIVER_STEPS"])
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.argv[1], sys.argv[1:])
    out, cursor = b"", 0
    def more(deadline):
        global out
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.time()))
        if not ready:
            return False
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            chunk = b""
        if not chunk:
            return None
        out += chunk
        return True
    for step in steps:
        want = step["expect"].encode()
        deadline = time.time() + 120
        while out.find(want, cursor) < 0:
            got = more(deadline)
            if not got:
                sys.stdout.write(out.decode(errors="replace"))
                sys.stdout.write("\n[driver: %s waiting for %r]\n" % ("timed out" if got is False else "ended", step["expect"]))
                sys.exit(97)
        cursor = out.find(want, cursor) + len(want)
        line = step["type"]
        if "{suggestion}" in line:
            words = re.findall(rb"somewhere safe\): ([a-z -]+?)\r?\n", out)
            line = line.replace("{suggestion}", words[-1].decode())
        time.sleep(0.05)
        os.write(fd, (line + "\n").encode())
    while more(time.time() + 120):
        pass
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(out.decode(errors="replace"))
    sys.exit(os.waitstatus_to_exitcode(status))
    """#

    /// Runs `sealpost ARGUMENTS` on a terminal, answering `steps` in order.
    static func run(_ cli: CLI, _ arguments: [String], steps: [Step], environment extra: [String: String] = [:]) throws -> Result {
        let steps = String(decoding: try JSONEncoder().encode(steps), as: UTF8.self)
        var environment = extra
        environment["DRIVER_STEPS"] = steps
        environment["SEALPOST_PASSPHRASE"] = extra["SEALPOST_PASSPHRASE"] ?? ""
        let result = try cli.run(["python3", "-c", script, CLI.binDirectory.appendingPathComponent("sealpost").path] + arguments,
                                 environment: environment, program: "/usr/bin/env")
        #expect(result.status != 97, "the terminal driver gave up: \(result.out)")
        return Result(status: result.status, transcript: result.out)
    }
}
