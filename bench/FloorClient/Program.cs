using System.Net.Sockets;
using System.Text;

// svcmgr-floor [SOCKET]: one `list` request on the daemon's socket, the answer line printed as it came. Nothing
// else: no argument parsing, no JSON, no formatting. `--version` prints a constant (the floor of `svcmgr --version`).
if (args is ["--version"])
{
    Console.Out.Write("floor\n");
    return 0;
}

var path = args.Length > 0 ? args[0] : Path.Combine(Environment.GetEnvironmentVariable("SVCMGR_HOME") ?? ".", "svcmgr.sock");
using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
socket.Connect(new UnixDomainSocketEndPoint(path));
socket.Send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list\",\"params\":{}}\n"u8);

var answer = new MemoryStream();
var buffer = new byte[65536];
int read;
while ((read = socket.Receive(buffer)) > 0)
{
    answer.Write(buffer, 0, read);
    if (buffer[read - 1] == (byte)'\n') break;
}

using var stdout = Console.OpenStandardOutput();
stdout.Write(answer.GetBuffer(), 0, (int)answer.Length);
return Encoding.ASCII.GetString(answer.GetBuffer(), 0, Math.Min((int)answer.Length, 64)).Contains("\"result\"", StringComparison.Ordinal) ? 0 : 1;
