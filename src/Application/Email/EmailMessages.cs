using System.Globalization;

namespace Auth.Application.Email;

/// <summary>The texts of every email the service sends: plain and clear, and never a secret beyond the code itself.</summary>
public static class EmailMessages
{
    public static EmailMessage SignInCode(string code, TimeSpan validFor) => new(
        "Your sign-in code",
        $"""
        Your sign-in code is {code}

        It is valid for {Minutes(validFor)} and works once. If you did not just try to sign in, someone knows your
        password: change it now.
        """, validFor);

    public static EmailMessage EnrollmentCode(string code, TimeSpan validFor) => new(
        "Confirm two-factor authentication",
        $"""
        Your confirmation code is {code}

        Enter it to finish turning on two-factor authentication by email. It is valid for {Minutes(validFor)}.
        """, validFor);

    public static EmailMessage StepUpCode(string code, TimeSpan validFor) => new(
        "Your security code",
        $"""
        Your security code is {code}

        It confirms a change to your two-factor settings and is valid for {Minutes(validFor)}. If you did not ask
        for it, change your password.
        """, validFor);

    public static EmailMessage TfaEnabled(string deviceDescription) => new(
        "Two-factor authentication is on",
        $"""
        Two-factor authentication is now on for your account, using {deviceDescription}.
        If you did not do this, contact your administrator at once.
        """);

    /// <summary>A second factor turned on from a session that proved only the password: the link binds it.</summary>
    public static EmailMessage TfaEnabledToBind(string deviceDescription, string link, TimeSpan validFor) => new(
        "Two-factor authentication is on: confirm it",
        $"""
        Two-factor authentication is now on for your account, using {deviceDescription}. Sign-in asks for it already.
        Because it was set up after signing in with the password alone, apps that ask for a second factor accept it
        only once you confirm it here:

        {link}

        The link works once and expires in {Hours(validFor)}. If you did not do this, do not open the link: change
        your password and contact your administrator at once.
        """, validFor);

    public static EmailMessage TfaDisabled() => new(
        "Two-factor authentication is off",
        """
        Two-factor authentication was turned off for your account and your other sessions were signed out.
        If you did not do this, change your password and contact your administrator at once.
        """);

    public static EmailMessage PasskeyRegistered() => new(
        "A passkey was added to your account",
        """
        A passkey was added to your account: it can now sign you in, with or without your password.
        If you did not do this, remove it from your account page, change your password and contact your administrator.
        """);

    /// <summary>A passkey added from a session that proved only the password: the link binds it.</summary>
    public static EmailMessage PasskeyRegisteredToBind(string link, TimeSpan validFor) => new(
        "A passkey was added to your account: confirm it",
        $"""
        A passkey was added to your account after signing in with the password alone. Before it can sign you in
        without your password, or count as more than your password, confirm it here:

        {link}

        The link works once and expires in {Hours(validFor)}. If you did not do this, do not open the link: remove the
        passkey from your account page, change your password and contact your administrator.
        """, validFor);

    public static EmailMessage PasskeyRemoved() => new(
        "A passkey was removed from your account",
        """
        A passkey was removed from your account and your other sessions were signed out.
        If you did not do this, change your password and contact your administrator at once.
        """);

    public static EmailMessage BackupTokensRegenerated() => new(
        "New backup tokens were created",
        """
        A new set of backup tokens was created for your account; the previous ones no longer work.
        If you did not do this, change your password and contact your administrator.
        """);

    public static EmailMessage BackupTokenUsed(int remaining) => new(
        "A backup token was used",
        $"""
        A backup token was just used to sign in to your account. {remaining.ToString(CultureInfo.InvariantCulture)} unused backup tokens remain.
        If this was not you, change your password and contact your administrator.
        """);

    public static EmailMessage PasswordResetLink(string link, TimeSpan validFor) => new(
        "Reset your password",
        $"""
        Someone (hopefully you) asked to reset the password of your account. To choose a new password, open:

        {link}

        The link works once and expires in {Minutes(validFor)}. If you did not ask for this, ignore this email;
        your password stays as it is.
        """, validFor);

    public static EmailMessage VerifyEmailLink(string link, TimeSpan validFor) => new(
        "Confirm your email address",
        $"""
        Confirm that this address is yours to finish setting up your account. Open:

        {link}

        The link works once and expires in {Hours(validFor)}. If you did not sign up, someone else used your address:
        open the same link and choose "This wasn't me" to remove their account, or ignore this email.
        """, validFor);

    public static EmailMessage SecondFactorLocked(string unlockLink, TimeSpan validFor) => new(
        "Two-factor sign-in is locked",
        $"""
        Too many wrong second-factor codes or backup tokens were entered for your account, so signing in with a second
        factor is locked. Whoever tried knows your password: change it first. Then lift the lock here:

        {unlockLink}

        The link works once and expires in {Hours(validFor)}. An administrator can also unlock your account.
        """, validFor);

    public static EmailMessage PasswordReset() => new(
        "Your password was reset",
        """
        The password of your account was just reset and every session was signed out.
        If you did not do this, contact your administrator at once.
        """);

    public static EmailMessage PasswordChanged() => new(
        "Your password was changed",
        """
        The password of your account was just changed and your other sessions were signed out.
        If you did not do this, reset your password and contact your administrator at once.
        """);

    public static EmailMessage TfaResetByAdministrator(string reason) => new(
        "Two-factor authentication was reset by an administrator",
        $"""
        An administrator removed the second factor and the passkeys from your account and signed out your sessions.
        Reason given: {reason}

        Sign in with your password and set up two-factor authentication again. If you did not ask for this,
        contact your administrator at once.
        """);

    private static string Hours(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Round(span.TotalHours)} hours");

    private static string Minutes(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Round(span.TotalMinutes)} minutes");
}
