//! The corpus: our spec, edited as QuantCDN might edit its API, each pair
//! with the report `cargo xtask diff` must give. Several carry a consumer
//! snippet, written against the old crate the way the README teaches; the
//! compile proof (`compile_proof.rs`) checks that it compiles against the
//! new crate exactly when the report says nothing breaks at compile time.

use crate::{Edit, edited, report_lines};

pub struct Pair {
    pub name: &'static str,
    /// Edits for the old side (most pairs start from the spec as it is).
    pub before: &'static [Edit],
    /// Edits for the new side, applied to the spec as it is.
    pub after: &'static [Edit],
    pub expect: &'static [&'static str],
    /// A consumer's code, written against the old crate (as `api`).
    pub consumer: Option<&'static str>,
}

impl Pair {
    pub fn old_spec(&self) -> String {
        edited(self.before)
    }

    pub fn new_spec(&self) -> String {
        edited(self.after)
    }
}

const REQUEST_NAME: &str =
    "        name:\n          description: Name for the token\n          type: string\n";
const NAME_MAX_255: &str = "        name:\n          description: Name for the token\n          type: string\n          maxLength: 255\n";
const REQUEST_PRESET: &str = "        preset:\n          description: Preset scope bundle\n          type: string\n          nullable: true\n";
const REQUEST_PROJECTS: &str = "        projects:\n          description: Project IDs to restrict this token to\n          type: array\n          nullable: true\n          items:\n            type: integer\n";
const CREATED_NAME: &str = "        name:\n          type: string\n        scopes:\n";
const CREATED_PRESET: &str =
    "        preset:\n          type: string\n          nullable: true\n        # Decision: what";
const CREATED_ID: &str = "        id:\n          description: Token ID\n          type: integer\n";
const CREATED_AT: &str =
    "        created_at:\n          type: string\n          format: date-time\n    TokenSummary:\n";
const CREATED_REQUIRED: &str = "        - created_at\n      properties:\n";
const SUMMARY_NAME: &str =
    "        name:\n          type: string\n          example: My deploy token\n";
const SUMMARY_REQUIRED: &str =
    "      required:\n        - id\n        - name\n        - created_at\n";
const SUMMARY_LAST_USED: &str = "        last_used:\n          type: string\n          format: date-time\n          nullable: true\n";
const SUMMARY_STATUS: &str = "        last_used:\n          type: string\n          format: date-time\n          nullable: true\n        status:\n          type: string\n          enum: [active, expired]\n";
const EXPIRES_IN_VALUES: &str = "        - 365d\n        - never\n";
const EXPIRES_IN_NAMES: &str = "        - Days365\n        - Never\n";
const TOKEN_ID_SCHEMA: &str = "        description: Token ID to revoke\n        example: 42\n        schema:\n          type: integer\n";
const LIST_OPERATION: &str = "      operationId: tokens_list\n";
const LIST_PAGE: &str = "      operationId: tokens_list\n      parameters:\n        - name: page\n          in: query\n          required: false\n          schema:\n            type: integer\n";
const LIST_403: &str =
    "        '403':\n          $ref: '#/components/responses/Forbidden'\n    post:\n";
const REVOKE_404: &str = "        '404':\n          $ref: '#/components/responses/NotFound'\n";
const REVOKE_200: &str = "        '200':\n          description: Token revoked successfully.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/RevokedToken'\n              example:\n                message: Token revoked successfully.\n";
const CREATE_201: &str = "        '201':\n          description: Token created.";

pub const PAIRS: &[Pair] = &[
    // --- Documentation and order: no API change.
    Pair {
        name: "a description only",
        before: &[],
        after: &[(
            "description: Preset scope bundle",
            "description: A bundle of scopes",
        )],
        expect: &[],
        consumer: None,
    },
    Pair {
        name: "an example and a summary only",
        before: &[],
        after: &[
            ("example: My CI token", "example: Deploy bot"),
            ("summary: Revoke an API token", "summary: Revoke a token"),
        ],
        expect: &[],
        consumer: None,
    },
    // --- Constraints.
    Pair {
        name: "maxLength on the request's name",
        before: &[],
        after: &[(REQUEST_NAME, NAME_MAX_255)],
        expect: &[
            "Compatible type CreateTokenRequestName: newtype CreateTokenRequestName added [#/components/schemas/CreateTokenRequest/properties/name/maxLength]",
            "Compatible field CreateTokenRequest.name: type changed from String to CreateTokenRequestName [#/components/schemas/CreateTokenRequest/properties/name/maxLength]",
        ],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "pattern on the request's preset",
        before: &[],
        after: &[(
            REQUEST_PRESET,
            "        preset:\n          description: Preset scope bundle\n          type: string\n          nullable: true\n          pattern: '^[a-z_]+$'\n",
        )],
        expect: &[
            "Breaking field CreateTokenRequest.preset: type changed from Option<String> to Option<CreateTokenRequestPreset> [#/components/schemas/CreateTokenRequest/properties/preset/pattern]",
            "Compatible type CreateTokenRequestPreset: newtype CreateTokenRequestPreset added [#/components/schemas/CreateTokenRequest/properties/preset/pattern]",
        ],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "the request name's maxLength lowered",
        before: &[(REQUEST_NAME, NAME_MAX_255)],
        after: &[(
            REQUEST_NAME,
            "        name:\n          description: Name for the token\n          type: string\n          maxLength: 100\n",
        )],
        expect: &[
            "BreakingAtRunTime type CreateTokenRequestName: now refuses values longer than 100 characters (was longer than 255 characters) [#/components/schemas/CreateTokenRequest/properties/name/maxLength]",
        ],
        consumer: None,
    },
    Pair {
        name: "the request name's maxLength raised",
        before: &[(REQUEST_NAME, NAME_MAX_255)],
        after: &[(
            REQUEST_NAME,
            "        name:\n          description: Name for the token\n          type: string\n          maxLength: 1000\n",
        )],
        expect: &[
            "Compatible type CreateTokenRequestName: now refuses values longer than 1000 characters (was longer than 255 characters) [#/components/schemas/CreateTokenRequest/properties/name/maxLength]",
        ],
        consumer: None,
    },
    Pair {
        name: "minimum: 1 on the token_id path parameter",
        before: &[],
        after: &[(
            TOKEN_ID_SCHEMA,
            "        description: Token ID to revoke\n        example: 42\n        schema:\n          type: integer\n          minimum: 1\n",
        )],
        expect: &[
            "Breaking method tokens_revoke .token_id(): parameter type changed from i64 to NonZeroU64 [#/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/parameters/1/schema/minimum]",
        ],
        consumer: Some(REVOKE_LISTED),
    },
    Pair {
        name: "minimum: 1 on the created token's id",
        before: &[],
        after: &[(
            CREATED_ID,
            "        id:\n          description: Token ID\n          type: integer\n          minimum: 1\n",
        )],
        expect: &[
            "Breaking field CreatedToken.id: type changed from i64 to NonZeroU64 [#/components/schemas/CreatedToken/properties/id/minimum]",
        ],
        consumer: Some(REVOKE_CREATED),
    },
    Pair {
        name: "maxLength on a listed token's name (a response field)",
        before: &[],
        after: &[(
            SUMMARY_NAME,
            "        name:\n          type: string\n          maxLength: 255\n          example: My deploy token\n",
        )],
        expect: &[
            "Breaking field TokenSummary.name: type changed from String to TokenSummaryName [#/components/schemas/TokenSummary/properties/name/maxLength]",
            "Compatible type TokenSummaryName: newtype TokenSummaryName added [#/components/schemas/TokenSummary/properties/name/maxLength]",
        ],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "minimum and maximum on an integer: typify keeps i64",
        before: &[],
        after: &[(
            REQUEST_PROJECTS,
            "        projects:\n          description: Project IDs to restrict this token to\n          type: array\n          nullable: true\n          items:\n            type: integer\n            minimum: 0\n            maximum: 1000000\n",
        )],
        expect: &[
            "no effect: #/components/schemas/CreateTokenRequest/properties/projects/items/maximum",
            "no effect: #/components/schemas/CreateTokenRequest/properties/projects/items/minimum",
        ],
        consumer: None,
    },
    Pair {
        name: "maxItems on scopes: typify keeps Vec",
        before: &[],
        after: &[(
            "          description: Individual scopes (mutually exclusive with preset)\n          type: array\n",
            "          description: Individual scopes (mutually exclusive with preset)\n          type: array\n          maxItems: 20\n",
        )],
        expect: &["no effect: #/components/schemas/CreateTokenRequest/properties/scopes/maxItems"],
        consumer: None,
    },
    // --- Formats.
    Pair {
        name: "format: ipv4 on the request's preset",
        before: &[],
        after: &[(
            REQUEST_PRESET,
            "        preset:\n          description: Preset scope bundle\n          type: string\n          nullable: true\n          format: ipv4\n",
        )],
        expect: &[
            "Breaking field CreateTokenRequest.preset: type changed from Option<String> to Option<Ipv4Addr> [#/components/schemas/CreateTokenRequest/properties/preset/format]",
        ],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "format: date instead of date-time on created_at",
        before: &[],
        after: &[(
            CREATED_AT,
            "        created_at:\n          type: string\n          format: date\n    TokenSummary:\n",
        )],
        expect: &[
            "Breaking field CreatedToken.created_at: type changed from DateTime<Utc> to NaiveDate [#/components/schemas/CreatedToken/properties/created_at/format]",
        ],
        consumer: Some(READ_CREATED_AT),
    },
    Pair {
        name: "format: email on a listed token's name: typify keeps String",
        before: &[],
        after: &[(
            SUMMARY_NAME,
            "        name:\n          type: string\n          format: email\n          example: My deploy token\n",
        )],
        expect: &["no effect: #/components/schemas/TokenSummary/properties/name/format"],
        consumer: None,
    },
    Pair {
        name: "format: int32 on the created token's id",
        before: &[],
        after: &[(
            CREATED_ID,
            "        id:\n          description: Token ID\n          type: integer\n          format: int32\n",
        )],
        expect: &[
            "Breaking field CreatedToken.id: type changed from i64 to i32 [#/components/schemas/CreatedToken/properties/id/format]",
        ],
        consumer: Some(STORE_ID),
    },
    // --- Defaults.
    Pair {
        name: "a default for the request's expires_in",
        before: &[],
        after: &[(
            "          oneOf:\n            - $ref: '#/components/schemas/ExpiresIn'\n            - enum: [null]\n",
            "          oneOf:\n            - $ref: '#/components/schemas/ExpiresIn'\n            - enum: [null]\n          default: 30d\n",
        )],
        expect: &[
            "Compatible field CreateTokenRequest.expires_in: serde rule \"absent reads as Some(ExpiresIn::Days30)\" added [#/components/schemas/CreateTokenRequest/properties/expires_in/default]",
            "Compatible field CreateTokenRequest.expires_in: serde rule \"omitted when None\" removed [#/components/schemas/CreateTokenRequest/properties/expires_in/default]",
            "Compatible field CreateTokenRequest.expires_in: unset it is now Some(ExpiresIn::Days30) instead of None [#/components/schemas/CreateTokenRequest/properties/expires_in/default]",
        ],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "a default for the request's preset",
        before: &[],
        after: &[(
            REQUEST_PRESET,
            "        preset:\n          description: Preset scope bundle\n          type: string\n          nullable: true\n          default: content_management\n",
        )],
        expect: &[
            "Compatible field CreateTokenRequest.preset: serde rule \"absent reads as Some(\"content_management\")\" added [#/components/schemas/CreateTokenRequest/properties/preset/default]",
            "Compatible field CreateTokenRequest.preset: serde rule \"omitted when None\" removed [#/components/schemas/CreateTokenRequest/properties/preset/default]",
            "Compatible field CreateTokenRequest.preset: unset it is now Some(\"content_management\") instead of None [#/components/schemas/CreateTokenRequest/properties/preset/default]",
        ],
        consumer: None,
    },
    Pair {
        name: "a default for a listed token's name (a response field)",
        before: &[],
        after: &[(
            SUMMARY_NAME,
            "        name:\n          type: string\n          default: unnamed\n          example: My deploy token\n",
        )],
        expect: &["no effect: #/components/schemas/TokenSummary/properties/name/default"],
        consumer: None,
    },
    // --- additionalProperties.
    Pair {
        name: "additionalProperties: false on the created token (a response)",
        before: &[],
        after: &[(
            "    CreatedToken:\n",
            "    CreatedToken:\n      additionalProperties: false\n",
        )],
        expect: &[
            "BreakingAtRunTime type CreatedToken: serde rule \"deny_unknown_fields\" added [#/components/schemas/CreatedToken/additionalProperties]",
        ],
        consumer: None,
    },
    Pair {
        name: "additionalProperties: false on the request",
        before: &[],
        after: &[(
            "    CreateTokenRequest:\n",
            "    CreateTokenRequest:\n      additionalProperties: false\n",
        )],
        expect: &[
            "Compatible type CreateTokenRequest: serde rule \"deny_unknown_fields\" added [#/components/schemas/CreateTokenRequest/additionalProperties]",
        ],
        consumer: None,
    },
    Pair {
        name: "additionalProperties: a map of strings on a listed token",
        before: &[],
        after: &[(
            "    TokenSummary:\n",
            "    TokenSummary:\n      additionalProperties:\n        type: string\n",
        )],
        expect: &[
            "Compatible field TokenSummary.extra: field extra: HashMap<String, String> added [#/components/schemas/TokenSummary/additionalProperties]",
        ],
        consumer: None,
    },
    // --- Nullable and required.
    Pair {
        name: "the created token's name made nullable",
        before: &[],
        after: &[(
            CREATED_NAME,
            "        name:\n          type: string\n          nullable: true\n        scopes:\n",
        )],
        expect: &[
            "Breaking field CreatedToken.name: type changed from String to Option<String> [#/components/schemas/CreatedToken/properties/name/nullable]",
            "Compatible field CreatedToken.name: serde rule \"key required, may be null\" added [#/components/schemas/CreatedToken/properties/name/nullable]",
        ],
        consumer: Some(READ_CREATED),
    },
    Pair {
        name: "the created token's preset made required and no longer nullable",
        before: &[],
        after: &[
            (
                CREATED_PRESET,
                "        preset:\n          type: string\n        # Decision: what",
            ),
            (
                CREATED_REQUIRED,
                "        - created_at\n        - preset\n      properties:\n",
            ),
        ],
        expect: &[
            "Breaking field CreatedToken.preset: type changed from Option<String> to String [#/components/schemas/CreatedToken/properties/preset/nullable #/components/schemas/CreatedToken/required]",
            "Compatible field CreatedToken.preset: now must be set (was None when unset) [#/components/schemas/CreatedToken/properties/preset/nullable #/components/schemas/CreatedToken/required]",
            "Compatible field CreatedToken.preset: serde rule \"omitted when None\" removed [#/components/schemas/CreatedToken/properties/preset/nullable #/components/schemas/CreatedToken/required]",
        ],
        consumer: Some(READ_CREATED),
    },
    Pair {
        name: "a listed token's last_used made required (still nullable)",
        before: &[],
        after: &[(
            SUMMARY_REQUIRED,
            "      required:\n        - id\n        - name\n        - last_used\n        - created_at\n",
        )],
        expect: &[
            "Compatible field TokenSummary.last_used: now must be set (was None when unset) [#/components/schemas/TokenSummary/required]",
            "Compatible field TokenSummary.last_used: serde rule \"key required, may be null\" added [#/components/schemas/TokenSummary/required]",
            "Compatible field TokenSummary.last_used: serde rule \"omitted when None\" removed [#/components/schemas/TokenSummary/required]",
        ],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "the request's preset made required (still nullable)",
        before: &[],
        after: &[(
            "      required:\n        - name\n      properties:\n",
            "      required:\n        - name\n        - preset\n      properties:\n",
        )],
        expect: &[
            "BreakingAtRunTime field CreateTokenRequest.preset: now must be set (was None when unset) [#/components/schemas/CreateTokenRequest/required]",
            "Compatible field CreateTokenRequest.preset: serde rule \"key required, may be null\" added [#/components/schemas/CreateTokenRequest/required]",
            "Compatible field CreateTokenRequest.preset: serde rule \"omitted when None\" removed [#/components/schemas/CreateTokenRequest/required]",
        ],
        consumer: None,
    },
    Pair {
        name: "the request's name no longer required",
        before: &[],
        after: &[(
            "      required:\n        - name\n      properties:\n",
            "      properties:\n",
        )],
        expect: &[
            "Breaking field CreateTokenRequest.name: type changed from String to Option<String> [#/components/schemas/CreateTokenRequest/required]",
            "Compatible type CreateTokenRequest: now implements Default [#/components/schemas/CreateTokenRequest/required]",
            "Compatible field CreateTokenRequest.name: no longer must be set: unset it is None [#/components/schemas/CreateTokenRequest/required]",
            "Compatible field CreateTokenRequest.name: serde rule \"omitted when None\" added [#/components/schemas/CreateTokenRequest/required]",
        ],
        consumer: Some(README_CREATE),
    },
    // --- Enums.
    Pair {
        name: "a new expires_in value in the request",
        before: &[],
        after: &[
            (
                EXPIRES_IN_VALUES,
                "        - 365d\n        - 730d\n        - never\n",
            ),
            (
                EXPIRES_IN_NAMES,
                "        - Days365\n        - Days730\n        - Never\n",
            ),
        ],
        expect: &[
            "Compatible type ExpiresIn: variant Days730 (\"730d\") added [#/components/schemas/ExpiresIn/enum #/components/schemas/ExpiresIn/x-enum-varnames]",
        ],
        consumer: Some(MATCH_EXPIRES_IN),
    },
    Pair {
        name: "an expires_in value removed",
        before: &[],
        after: &[
            (EXPIRES_IN_VALUES, "        - 365d\n"),
            (EXPIRES_IN_NAMES, "        - Days365\n"),
        ],
        expect: &[
            "Breaking type ExpiresIn: variant Never (\"never\") removed [#/components/schemas/ExpiresIn/enum #/components/schemas/ExpiresIn/x-enum-varnames]",
        ],
        consumer: Some(MATCH_EXPIRES_IN),
    },
    Pair {
        name: "an expires_in variant renamed in x-enum-varnames",
        before: &[],
        after: &[("        - Days30\n", "        - ThirtyDays\n")],
        expect: &[
            "Breaking type ExpiresIn: variant Days30 (\"30d\") removed [#/components/schemas/ExpiresIn/x-enum-varnames]",
            "Compatible type ExpiresIn: variant ThirtyDays (\"30d\") added [#/components/schemas/ExpiresIn/x-enum-varnames]",
        ],
        consumer: None,
    },
    Pair {
        name: "an expires_in wire value changed, its Rust name kept",
        before: &[],
        after: &[(
            "        - 30d\n        - 90d\n",
            "        - 1m\n        - 90d\n",
        )],
        expect: &[
            "Compatible type ExpiresIn: variant Days30 is now \"1m\" on the wire, was \"30d\" [#/components/schemas/ExpiresIn/enum]",
        ],
        consumer: None,
    },
    Pair {
        name: "a new value in an enum of a response",
        before: &[(SUMMARY_LAST_USED, SUMMARY_STATUS)],
        after: &[(
            SUMMARY_LAST_USED,
            "        last_used:\n          type: string\n          format: date-time\n          nullable: true\n        status:\n          type: string\n          enum: [active, expired, revoked]\n",
        )],
        expect: &[
            "Compatible type TokenSummaryStatus: variant Revoked (\"revoked\") added [#/components/schemas/TokenSummary/properties/status/enum]",
        ],
        consumer: Some(MATCH_STATUS),
    },
    Pair {
        name: "an enum added to a response",
        before: &[],
        after: &[(SUMMARY_LAST_USED, SUMMARY_STATUS)],
        expect: &[
            "Compatible type TokenSummaryStatus: enum TokenSummaryStatus added [#/components/schemas/TokenSummary/properties/status]",
            "Compatible field TokenSummary.status: field status: Option<TokenSummaryStatus> added [#/components/schemas/TokenSummary/properties/status]",
        ],
        consumer: Some(README_LIST),
    },
    // --- Secrets.
    Pair {
        name: "the request's name marked x-sensitive",
        before: &[],
        after: &[(
            REQUEST_NAME,
            "        name:\n          description: Name for the token\n          type: string\n          x-sensitive: true\n",
        )],
        expect: &[
            "Compatible field CreateTokenRequest.name: type changed from String to Secret [#/components/schemas/CreateTokenRequest/properties/name/x-sensitive]",
        ],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "create answers any 2XX instead of 201",
        before: &[],
        after: &[(
            CREATE_201,
            "        '2XX':\n          description: Token created.",
        )],
        expect: &[
            "Compatible method tokens_create status 200..=299: 200..=299: Err(UnexpectedResponse) → Ok [#/paths/~1api~1v2~1organizations~1{organization}~1tokens/post/responses/2XX]",
            "no effect: #/paths/~1api~1v2~1organizations~1{organization}~1tokens/post/responses/201",
        ],
        consumer: None,
    },
    // --- Fields added and removed.
    Pair {
        name: "a new optional request field",
        before: &[],
        after: &[(
            REQUEST_NAME,
            "        description:\n          type: string\n          nullable: true\n        name:\n          description: Name for the token\n          type: string\n",
        )],
        expect: &[
            "Compatible field CreateTokenRequest.description: field description: Option<String> added [#/components/schemas/CreateTokenRequest/properties/description]",
        ],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "a new required request field",
        before: &[],
        after: &[
            (
                "      required:\n        - name\n      properties:\n",
                "      required:\n        - name\n        - owner\n      properties:\n",
            ),
            (
                REQUEST_NAME,
                "        owner:\n          type: string\n        name:\n          description: Name for the token\n          type: string\n",
            ),
        ],
        expect: &[
            "BreakingAtRunTime field CreateTokenRequest.owner: field owner: String added [#/components/schemas/CreateTokenRequest/properties/owner #/components/schemas/CreateTokenRequest/required]",
        ],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "a new required field in the created token (issue example)",
        before: &[],
        after: &[(
            CREATED_REQUIRED,
            "        - created_at\n        - owner_id\n      properties:\n        owner_id:\n          type: integer\n",
        )],
        expect: &[
            "Compatible field CreatedToken.owner_id: field owner_id: i64 added [#/components/schemas/CreatedToken/properties/owner_id #/components/schemas/CreatedToken/required]",
        ],
        consumer: Some(MOCK_CREATED),
    },
    Pair {
        name: "a new optional field in a listed token",
        before: &[],
        after: &[(
            SUMMARY_LAST_USED,
            "        last_used:\n          type: string\n          format: date-time\n          nullable: true\n        description:\n          type: string\n",
        )],
        expect: &[
            "Compatible field TokenSummary.description: field description: Option<String> added [#/components/schemas/TokenSummary/properties/description]",
        ],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "a request field removed",
        before: &[],
        after: &[(REQUEST_PROJECTS, "")],
        expect: &[
            "Breaking field CreateTokenRequest.projects: field projects: Option<Vec<i64>> removed [#/components/schemas/CreateTokenRequest/properties/projects]",
        ],
        consumer: Some(SET_PROJECTS),
    },
    Pair {
        name: "a response field removed",
        before: &[],
        after: &[(CREATED_PRESET, "        # Decision: what")],
        expect: &[
            "Breaking field CreatedToken.preset: field preset: Option<String> removed [#/components/schemas/CreatedToken/properties/preset]",
        ],
        consumer: Some(READ_CREATED),
    },
    // --- Inline objects.
    Pair {
        name: "an inline object added to the created token",
        before: &[],
        after: &[(
            CREATED_ID,
            "        id:\n          description: Token ID\n          type: integer\n        owner:\n          type: object\n          properties:\n            id:\n              type: integer\n",
        )],
        expect: &[
            "Compatible type CreatedTokenOwner: struct CreatedTokenOwner added [#/components/schemas/CreatedToken/properties/owner]",
            "Compatible field CreatedToken.owner: field owner: Option<CreatedTokenOwner> added [#/components/schemas/CreatedToken/properties/owner]",
        ],
        consumer: None,
    },
    Pair {
        name: "a field's type changed inside an inline object",
        before: &[(
            CREATED_ID,
            "        id:\n          description: Token ID\n          type: integer\n        owner:\n          type: object\n          properties:\n            id:\n              type: integer\n",
        )],
        after: &[(
            CREATED_ID,
            "        id:\n          description: Token ID\n          type: integer\n        owner:\n          type: object\n          properties:\n            id:\n              type: string\n",
        )],
        expect: &[
            "Breaking field CreatedTokenOwner.id: type changed from Option<i64> to Option<String> [#/components/schemas/CreatedToken/properties/owner/properties/id/type]",
        ],
        consumer: None,
    },
    // --- Operations.
    Pair {
        name: "an operation renamed",
        before: &[],
        after: &[("operationId: tokens_revoke", "operationId: tokens_delete")],
        expect: &[
            "Breaking method tokens_revoke: renamed to tokens_delete (DELETE /api/v2/organizations/{organization}/tokens/{token_id}) [#/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/operationId]",
        ],
        consumer: Some(README_REVOKE),
    },
    Pair {
        name: "an operation added",
        before: &[],
        after: &[(
            "    delete:\n      operationId: tokens_revoke\n",
            "    get:\n      operationId: tokens_get\n      responses:\n        '200':\n          description: One token.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/TokenSummary'\n    delete:\n      operationId: tokens_revoke\n",
        )],
        expect: &[
            "Compatible method tokens_get: added (GET /api/v2/organizations/{organization}/tokens/{token_id}) [#/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/get]",
        ],
        consumer: None,
    },
    Pair {
        name: "an operation removed",
        before: &[],
        after: &[(
            "    get:\n      operationId: tokens_list\n",
            "    x-removed:\n      operationId: tokens_list\n",
        )],
        expect: &[
            "Breaking method tokens_list: removed (GET /api/v2/organizations/{organization}/tokens) [#/paths/~1api~1v2~1organizations~1{organization}~1tokens/get]",
            "no effect: #/paths/~1api~1v2~1organizations~1{organization}~1tokens/x-removed",
        ],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "the path of every operation moved to /api/v3",
        before: &[],
        after: &[
            (
                "  /api/v2/organizations/{organization}/tokens:\n",
                "  /api/v3/organizations/{organization}/tokens:\n",
            ),
            (
                "  /api/v2/organizations/{organization}/tokens/{token_id}:\n",
                "  /api/v3/organizations/{organization}/tokens/{token_id}:\n",
            ),
        ],
        expect: &[
            "Compatible method tokens_create: requests now go to POST /api/v3/organizations/{organization}/tokens (were POST /api/v2/organizations/{organization}/tokens) [#/paths/~1api~1v2~1organizations~1{organization}~1tokens #/paths/~1api~1v3~1organizations~1{organization}~1tokens]",
            "Compatible method tokens_list: requests now go to GET /api/v3/organizations/{organization}/tokens (were GET /api/v2/organizations/{organization}/tokens) [#/paths/~1api~1v2~1organizations~1{organization}~1tokens #/paths/~1api~1v3~1organizations~1{organization}~1tokens]",
            "Compatible method tokens_revoke: requests now go to DELETE /api/v3/organizations/{organization}/tokens/{token_id} (were DELETE /api/v2/organizations/{organization}/tokens/{token_id}) [#/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id} #/paths/~1api~1v3~1organizations~1{organization}~1tokens~1{token_id}]",
        ],
        consumer: Some(README_REVOKE),
    },
    // --- Parameters.
    Pair {
        name: "an optional query parameter added",
        before: &[],
        after: &[(LIST_OPERATION, LIST_PAGE)],
        expect: &[
            "Compatible method tokens_list .page(): optional parameter page: i64 (query \"page\") added [#/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/parameters]",
        ],
        consumer: None,
    },
    Pair {
        name: "a required query parameter added",
        before: &[],
        after: &[(
            LIST_OPERATION,
            "      operationId: tokens_list\n      parameters:\n        - name: page\n          in: query\n          required: true\n          schema:\n            type: integer\n",
        )],
        expect: &[
            "BreakingAtRunTime method tokens_list .page(): required parameter page: i64 (query \"page\") added [#/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/parameters]",
        ],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "a query parameter made required",
        before: &[(LIST_OPERATION, LIST_PAGE)],
        after: &[(
            LIST_OPERATION,
            "      operationId: tokens_list\n      parameters:\n        - name: page\n          in: query\n          required: true\n          schema:\n            type: integer\n",
        )],
        expect: &[
            "BreakingAtRunTime method tokens_list .page(): parameter made required [#/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/parameters/0/required]",
        ],
        consumer: None,
    },
    Pair {
        name: "a query parameter removed",
        before: &[(LIST_OPERATION, LIST_PAGE)],
        after: &[],
        expect: &[
            "Breaking method tokens_list .page(): parameter page (query \"page\") removed [#/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/parameters]",
        ],
        consumer: None,
    },
    Pair {
        name: "an optional header parameter added",
        before: &[],
        after: &[(
            LIST_OPERATION,
            "      operationId: tokens_list\n      parameters:\n        - name: X-Request-Id\n          in: header\n          required: false\n          schema:\n            type: string\n",
        )],
        expect: &[
            "Compatible method tokens_list .x_request_id(): optional parameter x_request_id: String (header \"X-Request-Id\") added [#/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/parameters]",
        ],
        consumer: None,
    },
    Pair {
        name: "a path parameter renamed",
        before: &[],
        after: &[
            (
                "  /api/v2/organizations/{organization}/tokens/{token_id}:\n",
                "  /api/v2/organizations/{organization}/tokens/{id}:\n",
            ),
            ("      - name: token_id\n", "      - name: id\n"),
        ],
        expect: &[
            "Breaking method tokens_revoke .token_id(): parameter token_id (path) removed [#/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{id} #/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}]",
            "BreakingAtRunTime method tokens_revoke .id(): required parameter id: i64 (path) added [#/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{id} #/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}]",
            "Compatible method tokens_revoke: requests now go to DELETE /api/v2/organizations/{organization}/tokens/{id} (were DELETE /api/v2/organizations/{organization}/tokens/{token_id}) [#/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{id} #/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}]",
        ],
        consumer: Some(README_REVOKE),
    },
    // --- Statuses.
    Pair {
        name: "a new error status on list",
        before: &[],
        after: &[(
            LIST_403,
            "        '403':\n          $ref: '#/components/responses/Forbidden'\n        '429':\n          $ref: '#/components/responses/Forbidden'\n    post:\n",
        )],
        expect: &[
            "Compatible method tokens_list status 429: 429: Err(UnexpectedResponse) → Err(ErrorResponse) [#/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/responses/429]",
        ],
        consumer: None,
    },
    Pair {
        name: "an error status removed from revoke",
        before: &[],
        after: &[(REVOKE_404, "")],
        expect: &[
            "Compatible method tokens_revoke status 404: 404: Err(ErrorResponse) → Err(UnexpectedResponse) [#/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/404]",
        ],
        consumer: Some(README_REVOKE),
    },
    Pair {
        name: "revoke answers 204 without a body instead of 200",
        before: &[],
        after: &[(
            REVOKE_200,
            "        '204':\n          description: Token revoked successfully.\n",
        )],
        expect: &[
            "Breaking method tokens_revoke: success type changed from RevokedToken to () [#/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/200 #/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/204]",
            "BreakingAtRunTime method tokens_revoke status 200: 200: Ok → Err(UnexpectedResponse) [#/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/200]",
            "Compatible method tokens_revoke status 204: 204: Err(UnexpectedResponse) → Ok (no body) [#/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/204]",
        ],
        consumer: Some(README_REVOKE),
    },
    Pair {
        name: "create answers 200 instead of 201",
        before: &[],
        after: &[(
            CREATE_201,
            "        '200':\n          description: Token created.",
        )],
        expect: &[
            "BreakingAtRunTime method tokens_create status 201: 201: Ok → Err(UnexpectedResponse) [#/paths/~1api~1v2~1organizations~1{organization}~1tokens/post/responses/201]",
            "Compatible method tokens_create status 200: 200: Err(UnexpectedResponse) → Ok [#/paths/~1api~1v2~1organizations~1{organization}~1tokens/post/responses/200]",
        ],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "the error body of list changes to another schema",
        before: &[],
        after: &[(
            LIST_403,
            "        '403':\n          description: Access is forbidden.\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  reason:\n                    type: string\n    post:\n",
        )],
        expect: &[
            "Breaking method tokens_list: error type changed from Error<ApiError> to Error<TokensListResponse> [#/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/responses/403/$ref #/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/responses/403/content]",
            "Compatible type TokensListResponse: struct TokensListResponse added [#/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/responses/403/content]",
        ],
        consumer: Some(LIST_ERROR_MESSAGE),
    },
    // --- Outside the generated code.
    Pair {
        name: "a server changed",
        before: &[],
        after: &[(
            "  - url: https://dash.quantgov.cloud\n",
            "  - url: https://dash.quantgov.cloud/v2\n",
        )],
        expect: &["no effect: #/servers/1/url"],
        consumer: None,
    },
    Pair {
        name: "the security scheme's bearer format changed",
        before: &[],
        after: &[("      bearerFormat: JWT\n", "      bearerFormat: opaque\n")],
        expect: &["no effect: #/components/securitySchemes/BearerAuth/bearerFormat"],
        consumer: None,
    },
    Pair {
        name: "the API version bumped",
        before: &[],
        after: &[("  version: 1.0.0\n", "  version: 1.1.0\n")],
        // The version is our document's, and no longer sent as a header
        // (codegen's `no_api_version`).
        expect: &["no effect: #/info/version"],
        consumer: None,
    },
    Pair {
        name: "a schema renamed",
        before: &[],
        after: &[
            ("    RevokedToken:\n", "    Revocation:\n"),
            (
                "                $ref: '#/components/schemas/RevokedToken'\n",
                "                $ref: '#/components/schemas/Revocation'\n",
            ),
        ],
        expect: &[
            "Breaking type RevokedToken: struct RevokedToken removed [#/components/schemas/RevokedToken]",
            "Breaking method tokens_revoke: success type changed from RevokedToken to Revocation [#/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/200/content/application~1json/schema/$ref]",
            "Compatible type Revocation: struct Revocation added [#/components/schemas/Revocation]",
        ],
        consumer: Some(MOCK_REVOKED),
    },
];

/// The README's revoke call.
const README_REVOKE: &str = r#"
pub async fn revoke(client: &api::Client) -> Result<(), api::Error<api::types::ApiError>> {
    let revoked = client.tokens_revoke().organization("test-org").token_id(42).send().await?;
    println!("{}", revoked.message);
    Ok(())
}
"#;

/// The README's list call.
const README_LIST: &str = r#"
pub async fn list(client: &api::Client) -> Result<(), api::Error<api::types::ApiError>> {
    for token in client.tokens_list().organization("test-org").send().await?.iter() {
        println!("{} {} last used {:?}", token.id, token.name, token.last_used);
    }
    Ok(())
}
"#;

/// Reads QuantCDN's message of a failed list.
const LIST_ERROR_MESSAGE: &str = r#"
pub async fn list(client: &api::Client) -> String {
    match client.tokens_list().organization("test-org").send().await {
        Ok(tokens) => format!("{} tokens", tokens.len()),
        Err(api::Error::ErrorResponse(e)) => e.message.clone(),
        Err(e) => e.to_string(),
    }
}
"#;

/// Revokes the token just created, as the crate's own example does.
const REVOKE_CREATED: &str = r#"
pub async fn revoke(client: &api::Client, created: &api::types::CreatedToken) -> Result<(), api::Error<api::types::ApiError>> {
    client.tokens_revoke().organization("test-org").token_id(created.id).send().await?;
    Ok(())
}
"#;

/// Revokes every listed token by its id.
const REVOKE_LISTED: &str = r#"
pub async fn revoke_all(client: &api::Client) -> Result<(), api::Error<api::types::ApiError>> {
    for token in client.tokens_list().organization("test-org").send().await?.iter() {
        client.tokens_revoke().organization("test-org").token_id(token.id).send().await?;
    }
    Ok(())
}
"#;

/// Keeps the id of a created token, as an i64 like every id of the crate.
const STORE_ID: &str = r#"
pub fn id(created: &api::types::CreatedToken) -> i64 {
    created.id
}
"#;

/// A revocation for an httpmock mock, built the documented way.
const MOCK_REVOKED: &str = r#"
pub fn revoked() -> Result<api::types::RevokedToken, api::types::error::ConversionError> {
    api::types::RevokedToken::builder().message("Token revoked successfully.").try_into()
}
"#;

/// Reads the created token's fields.
const READ_CREATED: &str = r#"
pub fn describe(created: &api::types::CreatedToken) -> String {
    format!("{} ({}), preset {}", created.name, created.id, created.preset.as_deref().unwrap_or("none"))
}
"#;

/// Reads the creation time as a date and time.
const READ_CREATED_AT: &str = r#"
pub fn age(created: &api::types::CreatedToken) -> i64 {
    created.created_at.timestamp()
}
"#;

/// A `match` with the `_` arm a non_exhaustive enum asks for.
const MATCH_EXPIRES_IN: &str = r#"
pub fn days(e: api::types::ExpiresIn) -> Option<u32> {
    match e {
        api::types::ExpiresIn::Days30 => Some(30),
        api::types::ExpiresIn::Never => None,
        _ => Some(90),
    }
}
"#;

/// A `match` on an enum of a response.
const MATCH_STATUS: &str = r#"
pub fn active(t: &api::types::TokenSummary) -> bool {
    match t.status {
        Some(api::types::TokenSummaryStatus::Active) => true,
        _ => false,
    }
}
"#;

/// Sets the request's projects.
const SET_PROJECTS: &str = r#"
pub fn request() -> api::types::builder::CreateTokenRequest {
    api::types::CreateTokenRequest::builder().name("CI").projects(vec![1])
}
"#;

/// A created token for an httpmock mock, built the documented way.
const MOCK_CREATED: &str = r#"
pub fn created() -> Result<api::types::CreatedToken, api::types::error::ConversionError> {
    api::types::CreatedToken::builder()
        .token("plain")
        .id(1)
        .name("CI")
        .scopes(None)
        .projects(None)
        .preset(None)
        .expires_at(None)
        .created_at(chrono::DateTime::from_timestamp(0, 0).unwrap())
        .try_into()
}
"#;

/// The README's create call, as a consumer writes it.
const README_CREATE: &str = r#"
pub async fn create(client: &api::Client) -> Result<(), api::Error<api::types::ApiError>> {
    let request = api::types::CreateTokenRequest::builder()
        .name("My CI token")
        .preset("content_management".to_owned())
        .expires_in(api::types::ExpiresIn::Days30);
    let created = client.tokens_create().organization("test-org").body(request).send().await?;
    println!("token {} (id {})", created.token, created.id);
    Ok(())
}
"#;

#[test]
fn each_pair_gives_its_expected_report() {
    assert!(PAIRS.len() >= 40, "the corpus has {} pairs", PAIRS.len());
    // DIFF_CORPUS_SHOW=1 prints each report; DIFF_CORPUS_EXPORT=DIR writes
    // each pair's specs and report there, to cross-check with other tools.
    let show = std::env::var_os("DIFF_CORPUS_SHOW").is_some();
    let export = std::env::var_os("DIFF_CORPUS_EXPORT").map(std::path::PathBuf::from);
    let mut failures = Vec::new();
    for (i, pair) in PAIRS.iter().enumerate() {
        let got = report_lines(&pair.old_spec(), &pair.new_spec());
        if let Some(dir) = &export {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("{i:02}-old.yaml")), pair.old_spec()).unwrap();
            std::fs::write(dir.join(format!("{i:02}-new.yaml")), pair.new_spec()).unwrap();
            let report = format!("{}\n{}\n", pair.name, got.join("\n"));
            std::fs::write(dir.join(format!("{i:02}-report.txt")), report).unwrap();
        }
        if show {
            println!("== {}", pair.name);
            for line in &got {
                println!("    {line:?},");
            }
        }
        if got != pair.expect {
            failures.push(format!(
                "pair {:?}:\n  expected {:#?}\n  got {:#?}",
                pair.name, pair.expect, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
