namespace ServiceManager.Config.Model;

/// <summary>When a child that ended on its own is started again (<c>restart</c> key).</summary>
public enum RestartPolicy
{
    Always,
    OnFailure,
    Never,
}
