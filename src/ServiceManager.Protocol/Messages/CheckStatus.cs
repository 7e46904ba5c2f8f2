namespace ServiceManager.Protocol.Messages;

/// <summary>The three outcomes of a doctor check, as they appear on the wire, and builders for each.</summary>
public static class CheckStatus
{
    public const string Ok = "ok";
    public const string Warn = "warn";
    public const string Fail = "fail";

    public static DoctorCheck Passed(string name, string message) => new(name, Ok, message, null);

    public static DoctorCheck Warning(string name, string message, string hint) => new(name, Warn, message, hint);

    public static DoctorCheck Failed(string name, string message, string hint) => new(name, Fail, message, hint);
}
