namespace ServiceManager.Monitoring.Tests.Support;

/// <summary>Tests that burn CPU or allocate a lot run alone, after the parallel ones, so they neither disturb the
/// timing of others nor get starved by them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial";
}
