namespace ServiceManager.Supervision;
internal static class AssemblyMarker;
