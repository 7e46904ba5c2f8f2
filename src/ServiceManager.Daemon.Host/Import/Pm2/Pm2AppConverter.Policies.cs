using System.Text.Json;

namespace ServiceManager.Daemon.Host.Import.Pm2;

/// <summary>Restart and stop policy, and what restarts an app by itself (watch, cron, memory).</summary>
internal sealed partial class Pm2AppConverter
{
    // PM2's docs: the exponential restart delay grows up to 15000 ms.
    private const int Pm2BackoffCapMs = 15000;

    private void Restarts(TomlTableText body)
    {
        // PM2 restarts an app whatever its exit code, unless autorestart is false or the code is in stop_exit_codes.
        var restart = "always";
        if (Get("autorestart") is { ValueKind: JsonValueKind.False }) restart = "never";
        else if (Get("stop_exit_codes") is { } codes && IsJustZero(codes)) restart = "on-failure";
        else if (Get("stop_exit_codes") is not null) NotMapped("stop_exit_codes", "svcmgr tells only exit 0 apart (restart = \"on-failure\")");
        Handle("autorestart", "stop_exit_codes");
        body.String("restart", restart);

        if (Get("exp_backoff_restart_delay") is { } exp && Pm2Values.Integer(exp) is > 0 and var initial)
        {
            Handle("exp_backoff_restart_delay");
            body.String("backoff_initial", $"{initial}ms").String("backoff_max", $"{Math.Max(initial, Pm2BackoffCapMs)}ms");
            if (Get("restart_delay") is not null) NotMapped("restart_delay", "exp_backoff_restart_delay takes its place, as in PM2");
        }
        else if (Get("restart_delay") is { } delay && Pm2Values.Integer(delay) is > 0 and var fixedDelay)
        {
            // A fixed delay: the backoff starts where it ends.
            Handle("restart_delay");
            body.String("backoff_initial", $"{fixedDelay}ms").String("backoff_max", $"{fixedDelay}ms");
        }
        else
        {
            Handle("restart_delay", "exp_backoff_restart_delay");
        }

        Duration(body, "min_uptime", "min_uptime");
        // PM2 stops an app with SIGINT, then SIGKILL after kill_timeout.
        body.String("stop_signal", "SIGINT");
        Duration(body, "kill_timeout", "stop_timeout");
    }

    private void Triggers(TomlTableText body)
    {
        Handle("watch", "ignore_watch", "watch_delay");
        var watch = Get("watch");
        if (watch is { ValueKind: JsonValueKind.True }) body.Boolean("watch", true);
        else if (watch is { ValueKind: JsonValueKind.Array or JsonValueKind.String } && Words("watch") is { Count: > 0 } paths) body.Strings("watch", paths);
        else if (watch is not null and not { ValueKind: JsonValueKind.False }) NotMapped("watch", "expected true, a path or an array of paths");

        if (watch is { ValueKind: JsonValueKind.True or JsonValueKind.Array or JsonValueKind.String })
        {
            if (Words("ignore_watch") is { Count: > 0 } ignored) body.Strings("watch_ignore", ignored);
            Duration(body, "watch_delay", "watch_debounce");
        }

        if (Get("max_memory_restart") is { } memory)
        {
            Handle("max_memory_restart");
            if (Pm2Values.Size(memory, out var bytes) is { } size) body.String("max_memory", size);
            else if (bytes is { } b) body.Integer("max_memory", b);
            else NotMapped("max_memory_restart", "expected a size such as \"300M\", \"1G\" or a number of bytes");
        }

        if (Text("cron_restart") is { } cron)
        {
            var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // PM2's cron (croner) takes an optional seconds field first; svcmgr's has minutes first.
            if (fields.Length == 6 && fields[0] == "0") body.String("cron_restart", string.Join(' ', fields[1..]));
            else if (fields.Length == 5 || (fields.Length == 1 && cron.StartsWith('@'))) body.String("cron_restart", cron.Trim());
            else NotMapped("cron_restart", "svcmgr's cron has 5 fields (minute first); a seconds field other than 0 has no counterpart");
        }
    }

    private void Duration(TomlTableText body, string key, string configKey)
    {
        Handle(key);
        if (Get(key) is not { } value) return;
        if (Pm2Values.Duration(value) is { } duration && duration != "0ms") body.String(configKey, duration);
        else NotMapped(key, "expected milliseconds or a duration such as \"30s\"");
    }

    private static bool IsJustZero(JsonElement codes) =>
        (codes.ValueKind == JsonValueKind.Number && Pm2Values.Integer(codes) == 0)
        || (codes.ValueKind == JsonValueKind.Array && codes.GetArrayLength() == 1 && Pm2Values.Integer(codes[0]) == 0);
}
