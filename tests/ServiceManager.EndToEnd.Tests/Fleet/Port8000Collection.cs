namespace ServiceManager.EndToEnd.Tests.Fleet;

/// <summary>Tests that use the default ports (8000...) run alone, after the others, so they never race for them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Port8000Collection
{
    public const string Name = "default ports";
}
