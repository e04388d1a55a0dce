using System.Text.RegularExpressions;

namespace Auth.ArchitectureTests;

/// <summary>
/// One shape for every use case (see docs/code-map.md): a request and its handler in one file named
/// after the use case, in a folder of its own; handlers never publish revocations by hand; audit events are named once.
/// </summary>
public sealed partial class UseCaseLayoutTests
{
    private static readonly string ApplicationSource = Path.Combine(RepositoryRoot(), "src", "Application");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Auth.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Auth.sln not found above the test directory.");
    }

    private static IEnumerable<(string Path, string Text)> SourceFiles() =>
        Directory.EnumerateFiles(ApplicationSource, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => (p, File.ReadAllText(p)));

    [GeneratedRegex(@"class (\w+)\([^)]*\)\s*:\s*IRequestHandler<", RegexOptions.Singleline)]
    private static partial Regex HandlerClass();

    [GeneratedRegex(@"class (\w+)(Command|Query)Handler\b")]
    private static partial Regex HandlerName();

    [GeneratedRegex(@"audit\.(Success|Failure)\(\s*""")]
    private static partial Regex LiteralAuditEvent();

    [Test]
    public void EveryFile_HoldsAtMostOneRequestHandler_NamedAfterItsUseCase_InAFolderOfItsOwn()
    {
        var handlers = 0;
        foreach (var (path, text) in SourceFiles())
        {
            var inFile = HandlerClass().Matches(text).Select(m => m.Groups[1].Value).ToList();
            handlers += inFile.Count;
            Assert.That(inFile, Has.Count.LessThanOrEqualTo(1), path);
            if (inFile.Count == 1)
            {
                var useCase = HandlerName().Match(text).Groups[1].Value;
                Assert.That(Path.GetFileNameWithoutExtension(path), Is.EqualTo(useCase), $"{inFile[0]} lives in {path}");
                Assert.That(Path.GetFileName(Path.GetDirectoryName(path)), Is.EqualTo(useCase), $"{inFile[0]} lives in {path}");
            }
        }

        Assert.That(handlers, Is.GreaterThanOrEqualTo(35), "the scan found the handlers");
    }

    [Test]
    public void NoApplicationType_WritesToTheRevokedSessionCache_TheUnitOfWorkPublishes()
    {
        var users = typeof(Auth.Application.DependencyInjection).Assembly.GetTypes()
            .Where(t => t.GetConstructors().SelectMany(c => c.GetParameters())
                .Any(p => p.ParameterType == typeof(Auth.Application.Common.Interfaces.IRevokedSessionCache)))
            .Select(t => t.FullName);

        Assert.That(users, Is.Empty);
    }

    [Test]
    public void AuditEvents_AreNamedInAuditEventTypes_NotAsLiterals()
    {
        var literals = SourceFiles().Where(f => LiteralAuditEvent().IsMatch(f.Text)).Select(f => f.Path);

        Assert.That(literals, Is.Empty);
    }
}
