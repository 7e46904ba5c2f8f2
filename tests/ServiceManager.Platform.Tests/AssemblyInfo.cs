// These tests exercise Linux-only behaviour (posix_spawn, /proc, SO_PEERCRED).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
