namespace ServiceManager.Daemon;
internal static class AssemblyMarker;
