using ServiceManager.Config.Binding;
using ServiceManager.Config.Model;

namespace ServiceManager.Config.Resolution;

// watch, cron_restart and schedule of one instance (their syntax was checked when read).
internal sealed partial class InstanceResolver
{
    private static WatchSettings? ResolveWatch(RawService s) =>
        s.Watch is { Value.Count: > 0 } watch
            ? new WatchSettings(watch.Value, s.WatchIgnore?.Value ?? [], s.WatchDebounce?.Value ?? WatchSettings.DefaultDebounce)
            : null;

    private (CronSchedule? CronRestart, CronSchedule? Schedule) ResolveCron(RawService s)
    {
        if (s.Schedule is { } job && s.CronRestart is { } cron)
        {
            Errors.Add(ConfigErrorKind.InvalidValue, cron.Location, cron.Key,
                "an instance with schedule is a job, started at each tick and left to exit; cron_restart restarts a long-running instance: give one of them");
            return (null, null);
        }

        return (Parse(s.CronRestart, s.Id), Parse(s.Schedule, s.Id));
    }

    /// <summary>Parsed again with the instance's own seed for <c>H</c>; the text was checked when read.</summary>
    private CronSchedule? Parse(Located<string>? text, string id)
    {
        if (text is null) return null;
        if (CronSchedule.TryParse(text.Value, CronSchedule.SeedOf(id), out var schedule, out var error)) return schedule;
        Errors.Add(ConfigErrorKind.InvalidValue, text.Location, text.Key, $"invalid cron expression \"{text.Value}\": {error}");
        return null;
    }

    private ListenAddress? ResolveListen(RawService s, Dictionary<string, string?> placeholders)
    {
        if (s.Listen is not { } listen || Expand(listen, placeholders) is not { } text) return null;
        // A relative socket path is the config file's directory's, as every other path in the file.
        if (ListenAddress.TryParse(text, out var address, out var error))
            return address!.Path is { } path && !Path.IsPathRooted(path) ? address with { Path = Path.GetFullPath(Path.Combine(context.ConfigDir, path)) } : address;
        Errors.Add(ConfigErrorKind.InvalidValue, listen.Location, listen.Key, error);
        return null;
    }
}
