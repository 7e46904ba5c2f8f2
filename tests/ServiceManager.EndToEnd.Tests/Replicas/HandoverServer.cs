namespace ServiceManager.EndToEnd.Tests.Replicas;

/// <summary>
/// A small HTTP server that takes its listening socket from svcmgr as systemd hands one over (fd 3, LISTEN_FDS,
/// LISTEN_PID), answers with its own pid, and on SIGTERM stops accepting and finishes what it accepted. It refuses
/// to run if LISTEN_PID is not its own pid, or when a socket was not handed over. It prints "READY pid" once it
/// serves, unless the file <c>not-ready</c> exists in its working directory (to test a replacement that never gets
/// ready).
/// </summary>
internal static class HandoverServer
{
    public const string Script = """
        import http.server, os, signal, socket, sys, threading
        if os.environ.get("LISTEN_FDS") != "1" or os.environ.get("LISTEN_PID") != str(os.getpid()):
            sys.exit(f"no socket handed over: LISTEN_FDS={os.environ.get('LISTEN_FDS')} LISTEN_PID={os.environ.get('LISTEN_PID')} pid={os.getpid()}")
        names = os.environ.get("LISTEN_FDNAMES", "")
        sock = socket.socket(fileno=3)
        sock.setblocking(True)

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = f"{os.getpid()} {names}".encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = False
            block_on_close = True

        server = Server(("", 0) if sock.family != socket.AF_UNIX else "", Handler, bind_and_activate=False)
        server.socket = sock
        signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
        if not os.path.exists("not-ready"):
            print(f"READY {os.getpid()}", flush=True)
        server.serve_forever(poll_interval=0.05)
        server.server_close()
        """;

    public static string Write(string directory)
    {
        var path = Path.Combine(directory, "handover_server.py");
        File.WriteAllText(path, Script);
        return path;
    }
}
