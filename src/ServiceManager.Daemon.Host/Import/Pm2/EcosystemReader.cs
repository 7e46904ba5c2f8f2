using System.Diagnostics;
using System.Text.Json;

namespace ServiceManager.Daemon.Host.Import.Pm2;

/// <summary>Reads an ecosystem file: JSON (comments and trailing commas allowed, as PM2's own JSON5 reader does), or a
/// <c>.js</c>/<c>.cjs</c>/<c>.mjs</c> module evaluated by <c>node</c> and printed back as JSON.</summary>
internal static class EcosystemReader
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    // Loads the module as PM2 does (require, or import for ES modules) and prints what it exports. Functions and
    // undefined values are dropped by JSON.stringify: such a value cannot be written to TOML anyway.
    private const string PrintModule =
        "const f=require('path').resolve(process.argv[1]);" +
        "const load=f.endsWith('.mjs')?import(require('url').pathToFileURL(f)).then(m=>m.default??m):Promise.resolve(require(f));" +
        "load.then(c=>process.stdout.write(JSON.stringify(c&&c.default?c.default:c)),e=>{process.stderr.write(String(e&&e.stack||e)+'\\n');process.exit(1);});";

    /// <exception cref="Pm2FormatException">The file cannot be read, is not JSON, or node is missing or fails.</exception>
    public static async Task<JsonDocument> ReadAsync(string path, CancellationToken ct)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var isModule = extension is ".js" or ".cjs" or ".mjs";
        string text;
        try
        {
            text = isModule ? await EvaluateAsync(path, ct) : await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Pm2FormatException($"cannot read {path}: {ex.Message}", unreadable: true);
        }

        try
        {
            return JsonDocument.Parse(text, Lenient);
        }
        catch (JsonException ex)
        {
            // JsonException counts lines and bytes from 0; people count from 1.
            var where = ex.LineNumber is { } line ? $"{path}:{line + 1}:{(ex.BytePositionInLine ?? 0) + 1}" : path;
            throw new Pm2FormatException($"{where}: not valid JSON: {ex.Message.Split(" LineNumber:")[0]}");
        }
    }

    private static async Task<string> EvaluateAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new Pm2FormatException($"cannot read {path}: no such file", unreadable: true);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(path)),
        };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(PrintModule);
        start.ArgumentList.Add(path);
        Process node;
        try
        {
            node = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new Pm2FormatException(
                $"{path} is JavaScript, and reading it needs node, which is not on PATH; install Node.js, or convert it to JSON first " +
                "(node -e \"console.log(JSON.stringify(require('./ecosystem.config.js')))\" > ecosystem.json)", unreadable: true);
        }

        using (node)
        {
            var output = node.StandardOutput.ReadToEndAsync(ct);
            var errors = node.StandardError.ReadToEndAsync(ct);
            await node.WaitForExitAsync(ct);
            if (node.ExitCode != 0) throw new Pm2FormatException($"node could not load {path} (exit {node.ExitCode}):\n{(await errors).TrimEnd()}", unreadable: true);
            return await output;
        }
    }
}
