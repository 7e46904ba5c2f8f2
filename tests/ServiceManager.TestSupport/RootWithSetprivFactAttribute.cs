using ServiceManager.Platform.Unix;

namespace ServiceManager.TestSupport;

/// <summary>
/// A fact that needs root (to act as another uid) and util-linux's <c>setpriv</c> and a system python3 that uid
/// 65534 can run; skipped, with the reason, where they are missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootWithSetprivFactAttribute : FactAttribute
{
    public const string Setpriv = "/usr/bin/setpriv";
    public const string Python = "/usr/bin/python3";

    public RootWithSetprivFactAttribute()
    {
        if (UnixUser.EffectiveUid != 0) Skip = "needs root to connect as another uid (uid 65534)";
        else if (!File.Exists(Setpriv)) Skip = $"needs {Setpriv} (util-linux) to connect as another uid";
        else if (!File.Exists(Python)) Skip = $"needs {Python} for the other uid's client";
    }
}
