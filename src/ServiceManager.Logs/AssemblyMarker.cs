namespace ServiceManager.Logs;
internal static class AssemblyMarker;
