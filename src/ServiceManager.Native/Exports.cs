using System.Reflection;
using System.Runtime.InteropServices;
using ServiceManager.Cli;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Client;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Native;

/// <summary>
/// The functions of <c>include/svcmgr.h</c> (product spec, section 6). Nothing may cross this boundary as an
/// exception: each function returns svcmgr's exit code for what happened, and the message is
/// <c>svcmgr_last_error</c>.
/// </summary>
internal static unsafe class Exports
{
    private static nint s_version;

    [UnmanagedCallersOnly(EntryPoint = "svcmgr_connect")]
    public static nint Connect(byte* socketPath)
    {
        try
        {
            return NativeClient.Open(NativeText.Read(socketPath));
        }
        catch (OutOfMemoryException)
        {
            return 0;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "svcmgr_disconnect")]
    public static void Disconnect(nint client)
    {
        if (client != 0) NativeClient.Close(client);
    }

    [UnmanagedCallersOnly(EntryPoint = "svcmgr_call")]
    public static int Call(nint client, byte* method, byte* paramsJson, byte** resultJson)
    {
        if (NativeClient.From(client) is not { } native) return ExitCodes.Usage;
        if (NativeText.Read(method) is not { Length: > 0 } name) return native.Fail(ExitCodes.Usage, "svcmgr_call: method is NULL or empty");
        var text = NativeText.Read(paramsJson) ?? "{}";
        return native.Run(daemon => ClientCalls.RawAsync(daemon, name, text), resultJson);
    }

    [UnmanagedCallersOnly(EntryPoint = "svcmgr_list")]
    public static int List(nint client, byte** resultJson)
    {
        if (NativeClient.From(client) is not { } native) return ExitCodes.Usage;
        return native.Run(daemon => ClientCalls.RawAsync(daemon, RpcMethods.List, "{}"), resultJson);
    }

    [UnmanagedCallersOnly(EntryPoint = "svcmgr_start")]
    public static int Start(nint client, byte* name) => Target(client, name, "svcmgr_start", (d, t) => d.StartAsync(t));

    [UnmanagedCallersOnly(EntryPoint = "svcmgr_stop")]
    public static int Stop(nint client, byte* name) => Target(client, name, "svcmgr_stop", (d, t) => d.StopAsync(t));

    [UnmanagedCallersOnly(EntryPoint = "svcmgr_restart")]
    public static int Restart(nint client, byte* name) => Target(client, name, "svcmgr_restart", (d, t) => d.RestartAsync(t));

    [UnmanagedCallersOnly(EntryPoint = "svcmgr_last_error")]
    public static byte* LastError(nint client) => NativeClient.From(client) is { } native ? native.LastError : null;

    [UnmanagedCallersOnly(EntryPoint = "svcmgr_free")]
    public static void Free(byte* resultJson) => NativeText.Free(resultJson);

    [UnmanagedCallersOnly(EntryPoint = "svcmgr_version")]
    public static byte* Version()
    {
        if (s_version == 0)
        {
            var text = (nint)NativeText.Copy(VersionText());
            if (Interlocked.CompareExchange(ref s_version, text, 0) != 0) NativeText.Free((byte*)text);
        }

        return (byte*)s_version;
    }

    /// <summary>What <c>svcmgr --version</c> prints for the same build.</summary>
    private static string VersionText() =>
        typeof(Exports).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static int Target(nint client, byte* name, string function,
        Func<DaemonClient, TargetParams, Task<BulkResult>> operation)
    {
        if (NativeClient.From(client) is not { } native) return ExitCodes.Usage;
        if (NativeText.Read(name) is not { Length: > 0 } instance) return native.Fail(ExitCodes.Usage, $"{function}: name is NULL or empty");
        return native.Run(daemon => ClientCalls.TargetAsync(daemon, operation, instance), null);
    }
}
