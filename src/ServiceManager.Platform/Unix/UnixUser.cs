namespace ServiceManager.Platform.Unix;

public static class UnixUser
{
    public static int EffectiveUid => (int)LibC.geteuid();
}
