using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Auth.WebApi.Pages;

/// <summary>
/// An organisation's name, colour and logo on the hosted pages, by configuration (<c>Branding</c>), without editing the
/// views: the name in every title and the header, the colour as the pages' accent (<c>/css/brand.css</c>), the logo
/// (a PNG, SVG, JPEG or WebP file) in the header, served from <c>/brand/logo</c> (the pages' policy allows only their own images).
/// </summary>
public sealed partial class BrandingOptions
{
    public const string SectionName = "Branding";

    public string ProductName { get; set; } = "Auth";

    /// <summary>The accent colour as <c>#rrggbb</c> (links and buttons; pick one with 4.5:1 contrast on white).</summary>
    public string? PrimaryColor { get; set; }

    /// <summary>A logo file on the server (relative to the content root or absolute).</summary>
    public string? LogoFile { get; set; }

    public bool IsValid => !string.IsNullOrWhiteSpace(ProductName) && ProductName.Length <= 60
        && (PrimaryColor is null || HexColor().IsMatch(PrimaryColor))
        && (LogoFile is null || LogoTypes.ContainsKey(Path.GetExtension(LogoFile).ToLowerInvariant()));

    internal static readonly Dictionary<string, string> LogoTypes = new(StringComparer.Ordinal)
    {
        [".png"] = "image/png", [".svg"] = "image/svg+xml", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".webp"] = "image/webp",
    };

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}

public static class Branding
{
    public const string StylesheetPath = "/css/brand.css";
    public const string LogoPath = "/brand/logo";

    public static IServiceCollection AddBranding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrandingOptions>().Bind(configuration.GetSection(BrandingOptions.SectionName))
            .Validate(o => o.IsValid, "Branding: ProductName is required (at most 60 characters), PrimaryColor is #rrggbb, LogoFile a .png, .svg, .jpg or .webp file.")
            .ValidateOnStart();
        return services;
    }

    public static WebApplication MapBranding(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(StylesheetPath, (IOptions<BrandingOptions> branding) => Results.Text(
            branding.Value.PrimaryColor is { } color ? $":root {{ --accent: {color}; }}\n" : "/* no branding colour configured */\n", "text/css"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet(LogoPath, (IOptions<BrandingOptions> branding, IHostEnvironment environment) =>
        {
            if (branding.Value.LogoFile is not { } file)
            {
                return Results.NotFound();
            }

            var path = Path.IsPathRooted(file) ? file : Path.Combine(environment.ContentRootPath, file);
            return File.Exists(path)
                ? Results.File(path, BrandingOptions.LogoTypes[Path.GetExtension(path).ToLowerInvariant()])
                : Results.NotFound();
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
