namespace ServiceManager.Config.Model;

/// <summary>
/// The variables svcmgr puts into every child's environment, over the config's own. Descendants inherit them, which
/// is how lost children and escaped grandchildren of an instance are recognised later.
/// </summary>
public static class ChildVariables
{
    /// <summary>The instance's port, when it has one.</summary>
    public const string Port = "PORT";

    /// <summary>The instance id.</summary>
    public const string Instance = "SVCMGR_INSTANCE";

    /// <summary>The template id; empty for an instance without a template.</summary>
    public const string Template = "SVCMGR_TEMPLATE";
}
