using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Benchmarks;

/// <summary>
/// <c>GET /api/instances</c> through svcmgr-web against the same <c>list</c> straight over the daemon's Unix socket,
/// with <c>instances</c> running instances, in one run on one daemon: a real daemon and a real svcmgr-web (the
/// published natives in <c>artifacts/</c>, or the built dlls under <c>dotnet</c>), one kept-alive connection each,
/// requests interleaved so both see the same machine load. Goal (issue 14): median HTTP ≤ 2× median socket.
/// </summary>
internal static partial class WebListProbe
{
    public static int Run(int instances, int rounds, string binaries)
    {
        var c = CultureInfo.InvariantCulture;
        var home = Directory.CreateTempSubdirectory("svcmgr-bench-web-").FullName;
        var config = new StringBuilder();
        for (var i = 0; i < instances; i++)
            config.Append(c, $"[instances.s{i:D3}]\nstart_command = \"sleep 100000\"\nauto_start = true\n\n");
        File.WriteAllText(Path.Combine(home, "services.toml"), config.ToString());
        var socket = Path.Combine(home, "svcmgr.sock");

        using var daemon = Start(binaries, "svcmgr", home, ["daemon"]);
        using var web = Start(binaries, "svcmgr", home, ["web", "--listen", "127.0.0.1:0", "--socket", socket]); // hands over to svcmgr-web
        try
        {
            return MeasureAsync(instances, rounds, socket, ReadListenUrl(web)).GetAwaiter().GetResult();
        }
        finally
        {
            Stop(web);
            Stop(daemon);
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(int instances, int rounds, string socket, Uri url)
    {
        var c = CultureInfo.InvariantCulture;
        await using var client = await ConnectAsync(socket);
        using var http = new HttpClient { BaseAddress = url };
        var deadline = Stopwatch.StartNew();
        while ((await client.ListAsync(new ListParams())).Count(s => s.State == "running") < instances)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("the instances did not all start");
            await Task.Delay(200);
        }

        var socketMs = new List<double>(rounds);
        var httpMs = new List<double>(rounds);
        var bytes = 0;
        for (var i = 0; i < rounds + 50; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var list = await client.ListAsync(new ListParams());
            var t1 = Stopwatch.GetTimestamp();
            var body = await http.GetByteArrayAsync("/api/instances");
            var t2 = Stopwatch.GetTimestamp();
            if (list.Count != instances) throw new InvalidOperationException($"list gave {list.Count} instances");
            if (i < 50) continue; // warm-up: JIT (under dotnet), connection set-up, first allocations
            socketMs.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            httpMs.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            bytes = body.Length;
        }

        var socketMedian = Median(socketMs);
        var httpMedian = Median(httpMs);
        Console.WriteLine(string.Create(c, $"instances {instances}, rounds {rounds} (interleaved, after 50 warm-up), body {bytes} bytes"));
        Console.WriteLine(string.Create(c, $"list over the Unix socket : median {socketMedian:F3} ms, p90 {Percentile(socketMs, 0.9):F3} ms"));
        Console.WriteLine(string.Create(c, $"GET /api/instances (HTTP) : median {httpMedian:F3} ms, p90 {Percentile(httpMs, 0.9):F3} ms"));
        Console.WriteLine(string.Create(c, $"ratio of medians (HTTP / socket): {httpMedian / socketMedian:F2} (goal <= 2)"));
        return 0;
    }

    private static async Task<DaemonClient> ConnectAsync(string socket)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await DaemonClient.ConnectAsync(socket);
            }
            catch (DaemonUnreachableException) when (deadline.Elapsed < TimeSpan.FromMinutes(1))
            {
                await Task.Delay(100);
            }
        }
    }

    private static Process Start(string binaries, string name, string home, string[] args)
    {
        var native = Path.Combine(binaries, name);
        var dll = Path.Combine(binaries, name + ".dll");
        var info = File.Exists(native) && !File.Exists(dll) ? new ProcessStartInfo(native) : new ProcessStartInfo("dotnet") { ArgumentList = { dll } };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        info.Environment["SVCMGR_HOME"] = home;
        info.Environment.Remove("SVCMGR_SOCKET");
        info.Environment.Remove("SVCMGR_CONFIG");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {name}");
        // The daemon logs to stderr: drained and dropped, so neither a full pipe nor the log lines get in the way.
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static Uri ReadListenUrl(Process web)
    {
        while (web.StandardOutput.ReadLine() is { } line)
            if (Listening().Match(line) is { Success: true } match) return new Uri(match.Groups[1].Value + "/");
        throw new InvalidOperationException($"svcmgr-web exited ({web.ExitCode}) before listening");
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex Listening();

    private static void Stop(Process process)
    {
        if (!process.HasExited) ServiceManager.Platform.Unix.UnixProcess.Signal(process.Id, 15);
        if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill(entireProcessTree: true);
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
    }
}
