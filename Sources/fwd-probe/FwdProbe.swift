import ArgumentParser

/// `fwd-probe`: tiny, time-bounded packet probes that tests run inside network namespaces with
/// `ip netns exec`. Every line it prints is `key=value` pairs separated by spaces; the first pair
/// is `event=…` (something happened, the probe goes on) or `result=…` (the probe's outcome).
///
/// A new probe is one more subcommand file and one entry in `subcommands`.
@main
struct FwdProbe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fwd-probe",
        abstract: "Bounded TCP/UDP probes for fwd's kernel tests.",
        subcommands: [
            TCPListen.self, TCPConnect.self, TCPExchange.self, UDPEcho.self, UDPSend.self, UDPFlood.self,
            UDPSink.self, TCPEcho.self, TCPStream.self,
        ]
    )
}

/// Options every listener shares: the port and how long it may live at most.
struct ListenerOptions: ParsableArguments {
    @Argument(help: "The port to listen on (0 picks a free one, printed in the listening event).")
    var port: UInt16

    @Option(help: "Seconds after which the listener exits on its own, whatever happens.")
    var lifetime: Double = 60
}

/// Options every client probe shares: where to, and how long to wait.
struct ClientOptions: ParsableArguments {
    @Argument(help: "The IPv4 or IPv6 address to probe.")
    var address: String

    @Argument(help: "The port to probe.")
    var port: UInt16

    @Option(help: "Seconds to wait for an answer.")
    var timeout: Double = 1

    /// The destination, or a validation error naming the address.
    func destination() throws -> SocketAddress {
        guard let address = SocketAddress(ip: address, port: port) else {
            throw ValidationError("'\(address)' is not an IPv4 or IPv6 address")
        }
        return address
    }
}
