namespace Auth.TestCommon;

public static class TestPasswords
{
    /// <summary>Long, uncommon, unrelated to any test email.</summary>
    public const string Strong = "violet-harbour-97-lantern";

    public const string Other = "quartz-meadow-41-compass";
}
