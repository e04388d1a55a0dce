using Auth.Application.Auth.Signup;
using Auth.Application.Common.Interfaces;
using Auth.TestCommon;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using ValidationException = Auth.Application.Common.Exceptions.ValidationException;

namespace Auth.Application.UnitTests.Common;

public sealed class MediatorRegistrationTests
{
    private static ServiceProvider BuildProvider(SqliteTestDatabase database, Mock<IPasswordHasher> hasher)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // The link bases the host derives from Jwt:Issuer (Infrastructure), given here as an operator would.
        services.AddApplication(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Accounts:VerificationLinkBase"] = "https://auth.example.com/verify-email",
            ["PasswordReset:LinkBase"] = "https://auth.example.com/reset-password",
        }).Build());
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<IAuthDbContext>(_ => database.CreateContext());
        services.AddSingleton(hasher.Object);
        services.AddSingleton(Mock.Of<ICommonPasswordList>());
        services.AddSingleton(Mock.Of<IAccessTokenIssuer>());
        services.AddSingleton(Mock.Of<IRevokedSessionCache>());
        services.AddSingleton(Mock.Of<ITotpService>());
        services.AddSingleton<ISecretProtector>(TestSecrets.Protector());
        services.AddSingleton(Mock.Of<ISecretHasher>());
        services.AddSingleton(Mock.Of<IQrCodeRenderer>());
        services.AddSingleton(Mock.Of<IPreTfaTokenIssuer>());
        services.AddSingleton(Mock.Of<IClientRegistry>());
        services.AddSingleton(Mock.Of<ISignInRequestStamps>());
        services.AddSingleton(Mock.Of<IPasskeyVerifier>());
        services.AddSingleton(Mock.Of<global::Auth.Application.Users.ICurrentUserReader>());
        services.AddSingleton(Mock.Of<IRequestContext>(r => r.Caller == global::Auth.Application.Common.Models.CallerContext.Unknown));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [Test]
    public async Task Send_ReachesTheRegisteredHandler()
    {
        using var database = new SqliteTestDatabase();
        var hasher = new Mock<IPasswordHasher>();
        hasher.Setup(h => h.HashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync("$argon2id$stub");
        await using var provider = BuildProvider(database, hasher);
        await using var scope = provider.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new SignupCommand("ada@example.com", TestPasswords.Strong, "Ada"));

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.Value.User.Email, Is.EqualTo("ada@example.com"));
    }

    [Test]
    public async Task Send_RunsTheValidationBehaviorBeforeTheHandler()
    {
        using var database = new SqliteTestDatabase();
        var hasher = new Mock<IPasswordHasher>(MockBehavior.Strict);
        await using var provider = BuildProvider(database, hasher);
        await using var scope = provider.CreateAsyncScope();

        var error = Assert.ThrowsAsync<ValidationException>(() => scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new SignupCommand("not-an-email", "short", "")));

        Assert.That(error!.Failures.Select(f => f.Code), Is.EquivalentTo(new[] { "email.invalid", "full_name.required", "password.too_short" }));
    }

    [Test]
    public void EveryRequestInTheApplication_HasExactlyOneHandlerRegistered()
    {
        using var database = new SqliteTestDatabase();
        using var provider = BuildProvider(database, new Mock<IPasswordHasher>());
        var requests = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)));

        using var scope = provider.CreateScope();
        foreach (var request in requests)
        {
            var response = request.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))
                .GetGenericArguments()[0];
            var handlerType = typeof(IRequestHandler<,>).MakeGenericType(request, response);
            Assert.That(scope.ServiceProvider.GetServices(handlerType).Count(), Is.EqualTo(1), request.Name);
        }
    }
}
