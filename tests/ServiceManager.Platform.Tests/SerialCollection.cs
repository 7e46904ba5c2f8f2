namespace ServiceManager.Platform.Tests;

/// <summary>Tests that count threads or change process-wide signal state run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial";
}
