using System.Text.Json;
using ServiceManager.Cli;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Native;

/// <summary>The calls behind the exports, on the shared <see cref="DaemonClient"/>: JSON text in, JSON text out.</summary>
internal static class ClientCalls
{
    /// <summary><c>svcmgr_call</c>: any method, params passed through as given.</summary>
    public static async Task<string?> RawAsync(DaemonClient daemon, string method, string paramsJson)
    {
        using var parameters = ParseParams(paramsJson);
        var result = await daemon.InvokeAsync(method, parameters.RootElement);
        return result.GetRawText();
    }

    /// <summary><c>svcmgr_start</c>, <c>_stop</c>, <c>_restart</c>: one instance; a stop that left processes running
    /// fails as it does on the command line.</summary>
    public static async Task<string?> TargetAsync(
        DaemonClient daemon, Func<DaemonClient, TargetParams, Task<BulkResult>> operation, string instance)
    {
        var result = await operation(daemon, new TargetParams([instance]));
        if (result.LeftProcessesRunning)
            throw new CallFailedException(ExitCodes.Failed, string.Join("; ", result.Warnings!.Select(w => $"{w.Id}: {w.Message}")));
        return null;
    }

    private static JsonDocument ParseParams(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new CallFailedException(ExitCodes.Usage, $"svcmgr_call: params_json is not JSON: {ex.Message}");
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        throw new CallFailedException(ExitCodes.Usage, "svcmgr_call: params_json must be a JSON object (named params)");
    }
}
