namespace ServiceManager.Config.Model;

/// <summary>Where an instance came from, which decides who may change or remove it.</summary>
public enum InstanceOrigin
{
    /// <summary>An <c>[instances.ID]</c> table of the config file: reload adds, changes and removes it.</summary>
    Config,

    /// <summary><c>svcmgr create</c>: a copy of a template made at run time, kept in the state file.</summary>
    Created,

    /// <summary><c>svcmgr start -- CMD</c>: an ad-hoc command, kept in the state file.</summary>
    Run,
}
