using System.Globalization;

namespace ServiceManager.Config.Model;

/// <summary>
/// An <c>[instances.NAME]</c> table with <c>instances = N</c>: its members are <c>NAME.0</c> … <c>NAME.(N-1)</c>.
/// </summary>
/// <param name="Name">The table's id, which addresses every member at once.</param>
/// <param name="Count">How many members run: the file's <c>instances</c>, or a <c>svcmgr scale</c> that overrides it.</param>
/// <param name="Configured">The file's <c>instances</c>: a scale is dropped once the file's value changes.</param>
public sealed record ReplicaGroup(string Name, int Count, int Configured)
{
    /// <summary>The most members one group may have.</summary>
    public const int MaxMembers = 256;

    public static string MemberId(string group, int index) => group + "." + index.ToString(CultureInfo.InvariantCulture);
}
