namespace ServiceManager.Protocol;
internal static class AssemblyMarker;
