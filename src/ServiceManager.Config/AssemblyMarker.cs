namespace ServiceManager.Config;
internal static class AssemblyMarker;
