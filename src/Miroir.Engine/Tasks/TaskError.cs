using Miroir.Meili.Errors;

namespace Miroir.Engine.Tasks;

/// <summary>The <c>error</c> object of a failed task.</summary>
internal sealed record TaskError(string Message, string Code, string Type, string Link)
{
    public static TaskError From(MeiliException e) => From(e.Code, e.Message);

    public static TaskError From(ErrorCode code, string message) => new(message, code.Name, code.TypeName, code.Link);
}
