namespace ServiceManager.Config.Model;

/// <summary>One <c>depends_on</c> entry: an instance id and what about it a start waits for.</summary>
public sealed record Dependency(string Name, DependencyCondition Condition = DependencyCondition.Running)
{
    /// <summary>A bare name, as <c>depends_on = ["db"]</c> writes it.</summary>
    public static implicit operator Dependency(string name) => FromName(name);

    public static Dependency FromName(string name) => new(name);

    public override string ToString() => Condition == DependencyCondition.Running ? Name : $"{Name} ({DependencyConditions.ToText(Condition)})";
}
