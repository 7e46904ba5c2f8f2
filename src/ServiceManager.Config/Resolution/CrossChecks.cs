using ServiceManager.Config.Binding;
using ServiceManager.Config.Model;
using ServiceManager.Config.Text;

namespace ServiceManager.Config.Resolution;

/// <summary>Rules between instances: supports_multiple and depends_on.</summary>
internal static class CrossChecks
{
    /// <param name="declared">Every instance id in the file, including ones that failed: no follow-up "unknown instance" errors for them.</param>
    public static void Run(IReadOnlyList<(RawService Merged, string? TemplateId)> instances, IReadOnlyCollection<string> declared, ErrorSink errors)
    {
        CheckSingletons(instances, errors);
        CheckDependencies(instances, declared, errors);
    }

    private static void CheckSingletons(IReadOnlyList<(RawService Merged, string? TemplateId)> instances, ErrorSink errors)
    {
        var first = new Dictionary<string, RawService>(StringComparer.Ordinal);
        foreach (var (s, templateId) in instances)
        {
            if (templateId is null || s.SupportsMultiple?.Value != false) continue;
            if (!first.TryAdd(templateId, s))
            {
                var other = first[templateId];
                errors.Add(ConfigErrorKind.SingleInstanceTemplate, s.Template!.Location, s.Template.Key,
                    $"template '{templateId}' has supports_multiple = false, but instances '{other.Id}' ({other.Location}) and '{s.Id}' both use it");
            }
        }
    }

    /// <summary>Why <paramref name="condition"/> can never hold for <paramref name="target"/>, or null.</summary>
    private static string? Unmeetable(DependencyCondition condition, RawService target) => condition switch
    {
        DependencyCondition.Healthy when target.HealthEndpoint is null => $"'{target.Id}' has no health_endpoint",
        DependencyCondition.LogReady when target.ReadyLogLine is null => $"'{target.Id}' has no ready_log_line",
        DependencyCondition.Completed when target.Restart?.Value == RestartPolicy.Always => $"'{target.Id}' has restart = \"always\", so it is started again whenever it ends",
        _ => null,
    };

    private static void CheckDependencies(IReadOnlyList<(RawService Merged, string? TemplateId)> instances, IReadOnlyCollection<string> declared, ErrorSink errors)
    {
        var graph = new Dictionary<string, RawService>(StringComparer.Ordinal);
        foreach (var (s, _) in instances) graph[s.Id] = s;

        foreach (var (s, _) in instances)
        {
            if (s.DependsOn is not { } deps) continue;
            foreach (var dep in deps.Value)
            {
                if (dep.Name == s.Id) errors.Add(ConfigErrorKind.DependencyCycle, dep.Location, deps.Key, $"instance '{s.Id}' cannot depend on itself");
                else if (!declared.Contains(dep.Name)) errors.Add(ConfigErrorKind.UnknownReference, dep.Location, deps.Key, $"unknown instance '{dep.Name}'{Suggest.Hint(dep.Name, declared)}");
                else if (graph.TryGetValue(dep.Name, out var target) && Unmeetable(dep.Condition, target) is { } why)
                    errors.Add(ConfigErrorKind.InvalidValue, dep.Location, deps.Key, $"condition {DependencyConditions.ToText(dep.Condition)} on '{dep.Name}' can never be met: {why}");
            }
        }

        // A cycle would leave every instance on it waiting for another forever.
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1: on the current path, 2: done
        var path = new List<string>();
        foreach (var id in graph.Keys) Visit(id);

        void Visit(string id)
        {
            if (state.GetValueOrDefault(id) == 2 || !graph.TryGetValue(id, out var s)) return;
            if (state.GetValueOrDefault(id) == 1)
            {
                var cycle = path.Skip(path.IndexOf(id)).Append(id);
                var deps = graph[id].DependsOn!;
                errors.Add(ConfigErrorKind.DependencyCycle, deps.Location, deps.Key, "dependency cycle: " + string.Join(" -> ", cycle));
                return;
            }

            state[id] = 1;
            path.Add(id);
            foreach (var dep in s.DependsOn?.Value ?? [])
            {
                if (dep.Name != id) Visit(dep.Name);
            }

            path.RemoveAt(path.Count - 1);
            state[id] = 2;
        }
    }
}
