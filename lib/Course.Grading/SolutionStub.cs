using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Course.Grading;

/// <summary>
/// What replaces a solution block in the student version. The rest of the notebook must still compile, so the stub
/// depends on where the block sits:
/// <list type="bullet">
/// <item>inside a method body: one statement, <c>throw new NotImplementedException("Exercise ID: write your answer here.");</c>;</item>
/// <item>at the top of the cell or in a type body: every method, local function, constructor, property or type the block
/// declares keeps its signature and gets the throwing body; a variable with a declared type keeps its type and name
/// with the value <c>default</c>; and when the block also ran statements or declared variables, the throw statement
/// follows (at the top of the cell only), so the cell stops there.</item>
/// </list>
/// Comments inside the block are dropped with it, and nothing of a body or an initializer survives.
/// </summary>
public static class SolutionStub
{
    static readonly CSharpParseOptions ScriptOptions = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>The statement the student replaces: <c>throw new NotImplementedException("Exercise ID: write your answer here.");</c></summary>
    public static string ThrowStatement(string exerciseId) =>
        $"throw new NotImplementedException(\"Exercise {exerciseId}: write your answer here.\");";

    /// <summary>The lines that replace lines <c>[block.BeginLine, block.EndLine]</c> of <paramref name="lines"/>, indented like the BEGIN line.</summary>
    public static IReadOnlyList<string> For(string[] lines, MarkedBlock block, string exerciseId)
    {
        string indent = new(lines[block.BeginLine].TakeWhile(char.IsWhiteSpace).ToArray());
        var throwLine = indent + ThrowStatement(exerciseId);
        int beginPosition = lines.Take(block.BeginLine).Sum(l => l.Length + 1) + indent.Length;
        var cell = ParseCompilationUnit(string.Join("\n", lines), options: ScriptOptions);

        var context = ContextAt(cell, beginPosition);
        if (context == Context.Statements)
            return [throwLine];

        var body = string.Join("\n", lines[(block.BeginLine + 1)..block.EndLine]);
        var parsed = ParseCompilationUnit(body, options: ScriptOptions);
        var stubs = new List<string>();
        bool stops = false;
        foreach (var member in parsed.Members)
        {
            switch (member)
            {
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function }:
                    stubs.Add(Render(new BodyStubber(exerciseId).Visit(function)));
                    break;
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } when !local.Declaration.Type.IsVar:
                    stubs.Add(Render(WithDefaults(local.Declaration)) + ";");
                    stops = true;
                    break;
                case GlobalStatementSyntax:
                    stops = true;
                    break;
                case FieldDeclarationSyntax field:   // a top-level variable, as a script parses it
                    if (!field.Declaration.Type.IsVar)
                        stubs.Add(Render(field.WithDeclaration(WithDefaults(field.Declaration))));
                    stops = true;
                    break;
                default:
                    stubs.Add(Render(new BodyStubber(exerciseId).Visit(member)));
                    break;
            }
        }
        var result = stubs.SelectMany(s => Markers.Lines(s)).Select(l => indent + l).ToList();
        // A throw statement may stand at the top of a cell, not in a class body.
        if (context == Context.TopLevel && (stops || result.Count == 0))
            result.Add(throwLine);
        return result;
    }

    enum Context { Statements, TopLevel, TypeBody }

    /// <summary>Statements inside a block or a switch section; members in a type body; anything at the top of the cell.</summary>
    static Context ContextAt(CompilationUnitSyntax cell, int position)
    {
        var token = cell.FindToken(Math.Min(position, cell.FullSpan.End));
        for (var node = token.Parent; node is not null; node = node.Parent)
            switch (node)
            {
                case BlockSyntax or SwitchSectionSyntax:
                    return Context.Statements;
                case TypeDeclarationSyntax:
                    return Context.TypeBody;
            }
        return Context.TopLevel;
    }

    static VariableDeclarationSyntax WithDefaults(VariableDeclarationSyntax declaration) =>
        declaration.WithVariables(SeparatedList(declaration.Variables.Select(v =>
            VariableDeclarator(v.Identifier.WithoutTrivia()).WithInitializer(
                EqualsValueClause(LiteralExpression(SyntaxKind.DefaultLiteralExpression))))));

    static string Render(SyntaxNode node) => new CommentRemover().Visit(node).NormalizeWhitespace("    ", "\n").ToFullString();

    /// <summary>Replaces every body (block or arrow) with <c>=> throw new NotImplementedException(...)</c>, and drops initializers.</summary>
    sealed class BodyStubber(string exerciseId) : CSharpSyntaxRewriter
    {
        ArrowExpressionClauseSyntax Throwing() => ArrowExpressionClause(ThrowExpression(ObjectCreationExpression(
            IdentifierName("NotImplementedException"),
            ArgumentList(SingletonSeparatedList(Argument(LiteralExpression(SyntaxKind.StringLiteralExpression,
                Literal($"Exercise {exerciseId}: write your answer here."))))), null)));

        public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node) =>
            node.Body is null && node.ExpressionBody is null ? node
                : node.WithBody(null).WithExpressionBody(Throwing()).WithSemicolonToken(Token(SyntaxKind.SemicolonToken));

        public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node) =>
            node.WithBody(null).WithExpressionBody(Throwing()).WithSemicolonToken(Token(SyntaxKind.SemicolonToken));

        public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node) =>
            node.WithInitializer(null).WithBody(null).WithExpressionBody(Throwing()).WithSemicolonToken(Token(SyntaxKind.SemicolonToken));

        public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node) =>
            node.WithBody(null).WithExpressionBody(Throwing()).WithSemicolonToken(Token(SyntaxKind.SemicolonToken));

        public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node) =>
            node.WithBody(null).WithExpressionBody(Throwing()).WithSemicolonToken(Token(SyntaxKind.SemicolonToken));

        public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node) =>
            node.Body is null && node.ExpressionBody is null ? node
                : node.WithBody(null).WithExpressionBody(Throwing()).WithSemicolonToken(Token(SyntaxKind.SemicolonToken));

        public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
        {
            var visited = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
            if (visited.ExpressionBody is not null)
                visited = visited.WithExpressionBody(Throwing());
            return visited.Initializer is null ? visited : visited.WithInitializer(null).WithSemicolonToken(default);
        }

        public override SyntaxNode? VisitVariableDeclarator(VariableDeclaratorSyntax node) =>
            node.Initializer is null ? node : node.WithInitializer(null);

        public override SyntaxNode? VisitEnumMemberDeclaration(EnumMemberDeclarationSyntax node) => node.WithEqualsValue(null);
    }

    sealed class CommentRemover() : CSharpSyntaxRewriter(visitIntoStructuredTrivia: false)
    {
        public override SyntaxTrivia VisitTrivia(SyntaxTrivia trivia) =>
            trivia.Kind() is SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia
                or SyntaxKind.SingleLineDocumentationCommentTrivia or SyntaxKind.MultiLineDocumentationCommentTrivia
                ? default : trivia;
    }
}
