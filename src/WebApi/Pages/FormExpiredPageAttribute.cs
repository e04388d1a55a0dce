using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Auth.WebApi.Pages;

/// <summary>A form posted without a valid antiforgery token (cross-site, or expired) gets a readable page, still a 400.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FormExpiredPageAttribute : Attribute, IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.Result = new ViewResult
            {
                ViewName = "FormExpired",
                StatusCode = StatusCodes.Status400BadRequest,
                ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), context.ModelState),
            };
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
