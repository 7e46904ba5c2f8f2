namespace ServiceManager.Platform;
internal static class AssemblyMarker;
