using ServiceManager.Config.Model;
using ServiceManager.Platform.Unix;

namespace ServiceManager.Supervision.Tests.Support;

/// <summary>A fleet over the real spawner and /proc, logging into a scratch directory.</summary>
internal sealed class FleetHarness : IAsyncDisposable
{
    private readonly UnixProcessSpawner _spawner = new();
    private readonly TempDir _dir = new();

    /// <param name="numericIds">Numbers an earlier daemon gave out (as restored from its state file).</param>
    /// <param name="dependencies">What starts of instances with <c>depends_on</c> wait for; by default nothing.</param>
    public FleetHarness(IReadOnlyDictionary<string, int>? numericIds = null, IDependencyGate? dependencies = null) =>
        Fleet = new Fleet(
            new FleetOptions(_dir.File("logs"))
            {
                NumericIds = numericIds,
                Dependencies = dependencies ?? IDependencyGate.Open,
                Processes = new ProcProcessLocator(),
            },
            _spawner,
            TimeProvider.System);

    public Fleet Fleet { get; }

    public string File(string name) => _dir.File(name);

    public static ServicesConfig ConfigOf(params InstanceDefinition[] instances) =>
        new("/tmp/services.toml", DaemonSettings.Default, new Dictionary<string, TemplateDefinition>(), instances);

    public InstanceSnapshot Get(string name) => Fleet.Resolve(name).Snapshot;

    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync();
        _spawner.Dispose();
        _dir.Dispose();
    }
}
