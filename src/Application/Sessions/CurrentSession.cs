namespace Auth.Application.Sessions;

/// <summary>Who is calling, as proven by the access token (<c>sub</c> and <c>sid</c>).</summary>
public sealed record CurrentSession(Guid UserId, Guid SessionId);
