using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ServiceManager.Logs;
using ServiceManager.Platform;

namespace ServiceManager.Supervision;

// The one resolver of NAMEs, for every front end (CLI, MCP, TUI, HTTP all send names to the daemon). The rules and
// their order are written down in docs/cli.md#name; keep the two together.
public sealed partial class Fleet
{
    /// <summary>The word that, given alone to start, stop or restart, means every instance (pm2's <c>restart all</c>).</summary>
    public const string EveryInstanceWord = "all";

    private const string PidPrefix = "pid:";

    /// <summary>
    /// Finds the one instance <paramref name="name"/> names: an id; a numeric id ("3"); a port ("8080" that is no
    /// numeric id, or ":8080"); "pid:1234", the instance whose processes include that pid. False when it names none
    /// or more than one (<see cref="Resolve"/> tells the two apart).
    /// </summary>
    public bool TryResolve(string name, [NotNullWhen(true)] out InstanceSupervisor? supervisor)
    {
        supervisor = Candidates(_members, name) is [var only] ? only.Supervisor : null;
        return supervisor is not null;
    }

    /// <exception cref="UnknownInstanceException">No instance answers to <paramref name="name"/>.</exception>
    /// <exception cref="AmbiguousNameException">More than one does.</exception>
    public InstanceSupervisor Resolve(string name) => ResolveMember(_members, name).Supervisor;

    /// <summary>The log of the instance <paramref name="name"/> resolves to (same rules as <see cref="TryResolve"/>).</summary>
    public bool TryGetLog(string name, [NotNullWhen(true)] out InstanceLog? log)
    {
        log = Candidates(_members, name) is [var only] ? only.Log : null;
        return log is not null;
    }

    /// <summary>
    /// True when <paramref name="names"/> is the word <see cref="EveryInstanceWord"/> alone, which start, stop and
    /// restart take for every instance.
    /// </summary>
    /// <exception cref="AmbiguousNameException">An instance is called that too.</exception>
    public bool NamesEveryInstance(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names is not [EveryInstanceWord]) return false;
        if (_members.TryGetValue(EveryInstanceWord, out var called))
            throw new AmbiguousNameException(EveryInstanceWord, [EveryInstanceWord, "every instance"],
                $"use --all (\"all\": true) for every instance, or {called.Supervisor.NumericId.ToString(CultureInfo.InvariantCulture)} (its numeric id) for the instance");
        return true;
    }

    /// <summary>
    /// What a command given <paramref name="name"/> acts on: every member of the replica group of that name (in index
    /// order), else the one instance <see cref="Resolve"/> finds.
    /// </summary>
    /// <exception cref="UnknownInstanceException">No instance or group answers to <paramref name="name"/>.</exception>
    /// <exception cref="AmbiguousNameException">More than one instance does.</exception>
    public IReadOnlyList<InstanceSupervisor> ResolveTargets(string name)
    {
        var members = _members;
        if (GroupMembers(members, name) is { Count: > 0 } group) return [.. group.Select(m => m.Supervisor)];
        return [ResolveMember(members, name).Supervisor];
    }

    /// <summary>The members of the replica group <paramref name="name"/>, in index order; empty when it is no group
    /// (an instance whose id is the name wins).</summary>
    public IReadOnlyList<InstanceSupervisor> Group(string name) =>
        [.. GroupMembers(_members, name).Select(m => m.Supervisor)];

    private static List<FleetMember> GroupMembers(ImmutableDictionary<string, FleetMember> members, string name) =>
        members.ContainsKey(name)
            ? []
            : [.. members.Values.Where(m => m.Supervisor.Snapshot.Definition.Group == name).OrderBy(m => m.Supervisor.Snapshot.Definition.Index)];

    /// <summary>Resolves every name before anything is done, so one unknown or ambiguous name means nothing happens.</summary>
    private List<InstanceSupervisor> ResolveAll(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var result = new List<InstanceSupervisor>();
        foreach (var name in names)
        {
            foreach (var supervisor in ResolveTargets(name))
            {
                if (!result.Contains(supervisor)) result.Add(supervisor);
            }
        }
        return result;
    }

    private FleetMember ResolveMember(ImmutableDictionary<string, FleetMember> members, string name) => Candidates(members, name) switch
    {
        [var only] => only,
        [] when GroupMembers(members, name) is { Count: > 0 } group =>
            throw new AmbiguousNameException(name, [.. group.Select(m => m.Supervisor.Id)], "it is a replica group: name one member"),
        [] => throw Unknown(members, name),
        var several => throw new AmbiguousNameException(name, [.. several.Select(m => m.Supervisor.Id)]),
    };

    /// <summary>Every instance <paramref name="name"/> fits under the first rule that fits any, in numeric-id order.</summary>
    private List<FleetMember> Candidates(ImmutableDictionary<string, FleetMember> members, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (members.TryGetValue(name, out var byId)) return [byId];
        if (Number(name) is { } number)
        {
            var byNumericId = members.Values.Where(m => m.Supervisor.NumericId == number).ToList();
            return byNumericId.Count > 0 ? byNumericId : OnPort(members, number);
        }
        if (name.StartsWith(':') && Number(name[1..]) is { } port) return OnPort(members, port);
        if (name.StartsWith(PidPrefix, StringComparison.Ordinal) && Number(name[PidPrefix.Length..]) is { } pid) return HoldingPid(members, pid);
        return [];
    }

    /// <summary>The instances configured on <paramref name="port"/>; if none is, the instances whose processes listen on it.</summary>
    private List<FleetMember> OnPort(ImmutableDictionary<string, FleetMember> members, int port)
    {
        var configured = Ordered(members.Values.Where(m => m.Supervisor.Snapshot.Definition.Port == port));
        if (configured.Count > 0 || _options.Processes is not { } processes) return configured;
        return Ordered(processes.ListenersOn(port).SelectMany(pid => HoldingPid(members, pid)).Distinct());
    }

    /// <summary>
    /// The instances whose processes include <paramref name="pid"/>: its child; else the one whose child leads its
    /// process group or session, is among its ancestors, or whose cgroup holds it.
    /// </summary>
    private List<FleetMember> HoldingPid(ImmutableDictionary<string, FleetMember> members, int pid)
    {
        var running = members.Values.Select(m => (Member: m, Snapshot: m.Supervisor.Snapshot)).Where(x => x.Snapshot.Pid is not null).ToList();
        var child = running.Where(x => x.Snapshot.Pid == pid).Select(x => x.Member).ToList();
        if (child.Count > 0 || _options.Processes?.Locate(pid) is not { } place) return child;
        return Ordered(running
            .Where(x => x.Snapshot.Pid is { } leader
                && (leader == place.ProcessGroup || leader == place.Session || place.Ancestors.Contains(leader)
                    || x.Snapshot.ChildCgroup is { } cgroup && cgroup == place.Cgroup))
            .Select(x => x.Member));
    }

    private static List<FleetMember> Ordered(IEnumerable<FleetMember> members) => [.. members.OrderBy(m => m.Supervisor.NumericId)];

    private static int? Number(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static UnknownInstanceException Unknown(ImmutableDictionary<string, FleetMember> members, string name) =>
        new(name, [.. members.Values.Select(m => m.Supervisor).OrderBy(s => s.NumericId).Select(s => s.Id)]);
}
