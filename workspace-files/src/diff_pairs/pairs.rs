//! The corpus: every pair, grouped by what it changes, each a list of
//! edits of our spec and, for some, a consumer's snippet.

use super::Edit::{Insert, Move, Remove, Set};
use super::Pair;
use super::snippets::*;

const REQUEST_NAME_MAX_LENGTH: &str =
    "/components/schemas/CreateTokenRequest/properties/name/maxLength";
const CREATED_OWNER: &str = "/components/schemas/CreatedToken/properties/owner";
const OWNER_ID_INTEGER: &str = "type: object\nproperties:\n  id:\n    type: integer\n";
const SUMMARY_STATUS: &str = "/components/schemas/TokenSummary/properties/status";
const STATUS_ACTIVE_EXPIRED: &str = "type: string\nenum: [active, expired]\n";
const LIST_PARAMETERS: &str =
    "/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/parameters";
const PAGE_OPTIONAL: &str =
    "- name: page\n  in: query\n  required: false\n  schema:\n    type: integer\n";
const PAGE_REQUIRED: &str =
    "- name: page\n  in: query\n  required: true\n  schema:\n    type: integer\n";

pub const PAIRS: &[Pair] = &[
    // --- Documentation and order: no API change.
    Pair {
        name: "a description only",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/preset/description",
            "A bundle of scopes",
        )],
        consumer: None,
    },
    Pair {
        name: "an example and a summary only",
        before: &[],
        after: &[
            Set(
                "/components/schemas/CreateTokenRequest/properties/name/example",
                "Deploy bot",
            ),
            Set(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/summary",
                "Revoke a token",
            ),
        ],
        consumer: None,
    },
    // --- Constraints.
    Pair {
        name: "maxLength on the request's name",
        before: &[],
        after: &[Set(REQUEST_NAME_MAX_LENGTH, "255")],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "pattern on the request's preset",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/preset/pattern",
            "'^[a-z_]+$'",
        )],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "the request name's maxLength lowered",
        before: &[Set(REQUEST_NAME_MAX_LENGTH, "255")],
        after: &[Set(REQUEST_NAME_MAX_LENGTH, "100")],
        consumer: None,
    },
    Pair {
        name: "the request name's maxLength raised",
        before: &[Set(REQUEST_NAME_MAX_LENGTH, "255")],
        after: &[Set(REQUEST_NAME_MAX_LENGTH, "1000")],
        consumer: None,
    },
    Pair {
        name: "minimum: 1 on the token_id path parameter",
        before: &[],
        after: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/parameters/1/schema/minimum",
            "1",
        )],
        consumer: Some(REVOKE_LISTED),
    },
    Pair {
        name: "minimum: 1 on the created token's id",
        before: &[],
        after: &[Set(
            "/components/schemas/CreatedToken/properties/id/minimum",
            "1",
        )],
        consumer: Some(REVOKE_CREATED),
    },
    Pair {
        name: "maxLength on a listed token's name (a response field)",
        before: &[],
        after: &[Set(
            "/components/schemas/TokenSummary/properties/name/maxLength",
            "255",
        )],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "minimum and maximum on an integer: typify keeps i64",
        before: &[],
        after: &[
            Set(
                "/components/schemas/CreateTokenRequest/properties/projects/items/minimum",
                "0",
            ),
            Set(
                "/components/schemas/CreateTokenRequest/properties/projects/items/maximum",
                "1000000",
            ),
        ],
        consumer: None,
    },
    Pair {
        name: "maxItems on scopes: typify keeps Vec",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/scopes/maxItems",
            "20",
        )],
        consumer: None,
    },
    Pair {
        name: "maxItems on scopes beside additionalProperties: false on the request",
        before: &[],
        after: &[
            Set(
                "/components/schemas/CreateTokenRequest/properties/scopes/maxItems",
                "20",
            ),
            Set(
                "/components/schemas/CreateTokenRequest/additionalProperties",
                "false",
            ),
        ],
        consumer: None,
    },
    Pair {
        name: "maxItems on a component the request's scopes refer to",
        before: &[
            Set(
                "/components/schemas/Scopes",
                "{type: array, nullable: true, items: {type: string}}",
            ),
            Set(
                "/components/schemas/CreateTokenRequest/properties/scopes",
                "{$ref: '#/components/schemas/Scopes'}",
            ),
        ],
        after: &[
            Set(
                "/components/schemas/Scopes",
                "{type: array, nullable: true, items: {type: string}, maxItems: 20}",
            ),
            Set(
                "/components/schemas/CreateTokenRequest/properties/scopes",
                "{$ref: '#/components/schemas/Scopes'}",
            ),
        ],
        consumer: None,
    },
    Pair {
        name: "format: password on the request's name: a secret, not a limit",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/name/format",
            "password",
        )],
        consumer: None,
    },
    // --- Formats.
    Pair {
        name: "format: ipv4 on the request's preset",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/preset/format",
            "ipv4",
        )],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "format: date instead of date-time on created_at",
        before: &[],
        after: &[Set(
            "/components/schemas/CreatedToken/properties/created_at/format",
            "date",
        )],
        consumer: Some(READ_CREATED_AT),
    },
    Pair {
        name: "format: email on a listed token's name: typify keeps String",
        before: &[],
        after: &[Set(
            "/components/schemas/TokenSummary/properties/name/format",
            "email",
        )],
        consumer: None,
    },
    Pair {
        name: "format: int32 on the created token's id",
        before: &[],
        after: &[Set(
            "/components/schemas/CreatedToken/properties/id/format",
            "int32",
        )],
        consumer: Some(STORE_ID),
    },
    // --- Defaults.
    Pair {
        name: "a default for the request's expires_in",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/expires_in/default",
            "30d",
        )],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "a default for the request's preset",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/preset/default",
            "content_management",
        )],
        consumer: None,
    },
    Pair {
        name: "a default for a listed token's name (a response field)",
        before: &[],
        after: &[Set(
            "/components/schemas/TokenSummary/properties/name/default",
            "unnamed",
        )],
        consumer: None,
    },
    // --- additionalProperties.
    Pair {
        name: "additionalProperties: false on the created token (a response)",
        before: &[],
        after: &[Set(
            "/components/schemas/CreatedToken/additionalProperties",
            "false",
        )],
        consumer: None,
    },
    Pair {
        name: "additionalProperties: false on the request",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/additionalProperties",
            "false",
        )],
        consumer: None,
    },
    Pair {
        name: "additionalProperties: a map of strings on a listed token",
        before: &[],
        after: &[Set(
            "/components/schemas/TokenSummary/additionalProperties",
            "type: string",
        )],
        consumer: None,
    },
    // --- Nullable and required.
    Pair {
        name: "the created token's name made nullable",
        before: &[],
        after: &[Set(
            "/components/schemas/CreatedToken/properties/name/nullable",
            "true",
        )],
        consumer: Some(READ_CREATED),
    },
    Pair {
        name: "the created token's preset made required and no longer nullable",
        before: &[],
        after: &[
            Remove("/components/schemas/CreatedToken/properties/preset/nullable"),
            Insert("/components/schemas/CreatedToken/required/-", "preset"),
        ],
        consumer: Some(READ_CREATED),
    },
    Pair {
        name: "a listed token's last_used made required (still nullable)",
        before: &[],
        after: &[Insert(
            "/components/schemas/TokenSummary/required/2",
            "last_used",
        )],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "the request's preset made required (still nullable)",
        before: &[],
        after: &[Insert(
            "/components/schemas/CreateTokenRequest/required/-",
            "preset",
        )],
        consumer: None,
    },
    Pair {
        name: "the request's name no longer required",
        before: &[],
        after: &[Remove("/components/schemas/CreateTokenRequest/required")],
        consumer: Some(README_CREATE),
    },
    // --- Enums.
    Pair {
        name: "a new expires_in value in the request",
        before: &[],
        after: &[
            Insert("/components/schemas/ExpiresIn/enum/3", "730d"),
            Insert("/components/schemas/ExpiresIn/x-enum-varnames/3", "Days730"),
        ],
        consumer: Some(MATCH_EXPIRES_IN),
    },
    Pair {
        name: "an expires_in value removed",
        before: &[],
        after: &[
            Remove("/components/schemas/ExpiresIn/enum/3"),
            Remove("/components/schemas/ExpiresIn/x-enum-varnames/3"),
        ],
        consumer: Some(MATCH_EXPIRES_IN),
    },
    Pair {
        name: "an expires_in variant renamed in x-enum-varnames",
        before: &[],
        after: &[Set(
            "/components/schemas/ExpiresIn/x-enum-varnames/0",
            "ThirtyDays",
        )],
        consumer: None,
    },
    Pair {
        name: "an expires_in wire value changed, its Rust name kept",
        before: &[],
        after: &[Set("/components/schemas/ExpiresIn/enum/0", "1m")],
        consumer: None,
    },
    Pair {
        name: "a new value in an enum of a response",
        before: &[Set(SUMMARY_STATUS, STATUS_ACTIVE_EXPIRED)],
        after: &[Set(
            SUMMARY_STATUS,
            "type: string\nenum: [active, expired, revoked]\n",
        )],
        consumer: Some(MATCH_STATUS),
    },
    Pair {
        name: "an enum added to a response",
        before: &[],
        after: &[Set(SUMMARY_STATUS, STATUS_ACTIVE_EXPIRED)],
        consumer: Some(README_LIST),
    },
    // --- Secrets.
    Pair {
        name: "the request's name marked x-sensitive",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/name/x-sensitive",
            "true",
        )],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "create answers any 2XX instead of 201",
        before: &[],
        after: &[Move(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/post/responses/201",
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/post/responses/2XX",
        )],
        consumer: None,
    },
    // --- Fields added and removed.
    Pair {
        name: "a new optional request field",
        before: &[],
        after: &[Set(
            "/components/schemas/CreateTokenRequest/properties/description",
            "type: string\nnullable: true\n",
        )],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "a new required request field",
        before: &[],
        after: &[
            Insert("/components/schemas/CreateTokenRequest/required/-", "owner"),
            Set(
                "/components/schemas/CreateTokenRequest/properties/owner",
                "type: string",
            ),
        ],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "a new required field in the created token (issue example)",
        before: &[],
        after: &[
            Insert("/components/schemas/CreatedToken/required/-", "owner_id"),
            Set(
                "/components/schemas/CreatedToken/properties/owner_id",
                "type: integer",
            ),
        ],
        consumer: Some(MOCK_CREATED),
    },
    Pair {
        name: "a new optional field in a listed token",
        before: &[],
        after: &[Set(
            "/components/schemas/TokenSummary/properties/description",
            "type: string",
        )],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "a request field removed",
        before: &[],
        after: &[Remove(
            "/components/schemas/CreateTokenRequest/properties/projects",
        )],
        consumer: Some(SET_PROJECTS),
    },
    Pair {
        name: "a response field removed",
        before: &[],
        after: &[Remove("/components/schemas/CreatedToken/properties/preset")],
        consumer: Some(READ_CREATED),
    },
    // --- Inline objects.
    Pair {
        name: "an inline object added to the created token",
        before: &[],
        after: &[Set(CREATED_OWNER, OWNER_ID_INTEGER)],
        consumer: None,
    },
    Pair {
        name: "a field's type changed inside an inline object",
        before: &[Set(CREATED_OWNER, OWNER_ID_INTEGER)],
        after: &[Set(
            CREATED_OWNER,
            "type: object\nproperties:\n  id:\n    type: string\n",
        )],
        consumer: None,
    },
    // --- Operations.
    Pair {
        name: "an operation renamed",
        before: &[],
        after: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/operationId",
            "tokens_delete",
        )],
        consumer: Some(README_REVOKE),
    },
    Pair {
        name: "an operation added",
        before: &[],
        after: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/get",
            "operationId: tokens_get\nresponses:\n  '200':\n    description: One token.\n    content:\n      application/json:\n        schema:\n          $ref: '#/components/schemas/TokenSummary'\n",
        )],
        consumer: None,
    },
    Pair {
        name: "an operation removed",
        before: &[],
        after: &[Move(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/get",
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/x-removed",
        )],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "the path of every operation moved to /api/v3",
        before: &[],
        after: &[
            Move(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens",
                "/paths/~1api~1v3~1organizations~1{organization}~1tokens",
            ),
            Move(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}",
                "/paths/~1api~1v3~1organizations~1{organization}~1tokens~1{token_id}",
            ),
        ],
        consumer: Some(README_REVOKE),
    },
    // --- Parameters.
    Pair {
        name: "an optional query parameter added",
        before: &[],
        after: &[Set(LIST_PARAMETERS, PAGE_OPTIONAL)],
        consumer: None,
    },
    Pair {
        name: "a required query parameter added",
        before: &[],
        after: &[Set(LIST_PARAMETERS, PAGE_REQUIRED)],
        consumer: Some(README_LIST),
    },
    Pair {
        name: "a query parameter made required",
        before: &[Set(LIST_PARAMETERS, PAGE_OPTIONAL)],
        after: &[Set(LIST_PARAMETERS, PAGE_REQUIRED)],
        consumer: None,
    },
    Pair {
        name: "a query parameter removed",
        before: &[Set(LIST_PARAMETERS, PAGE_OPTIONAL)],
        after: &[],
        consumer: None,
    },
    Pair {
        name: "an optional header parameter added",
        before: &[],
        after: &[Set(
            LIST_PARAMETERS,
            "- name: X-Request-Id\n  in: header\n  required: false\n  schema:\n    type: string\n",
        )],
        consumer: None,
    },
    Pair {
        name: "a path parameter renamed",
        before: &[],
        after: &[
            Move(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}",
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{id}",
            ),
            Set(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{id}/parameters/1/name",
                "id",
            ),
        ],
        consumer: Some(README_REVOKE),
    },
    // --- Statuses.
    Pair {
        name: "a new error status on list",
        before: &[],
        after: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/responses/429",
            "$ref: '#/components/responses/Forbidden'",
        )],
        consumer: None,
    },
    Pair {
        name: "an error status removed from revoke",
        before: &[],
        after: &[Remove(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/404",
        )],
        consumer: Some(README_REVOKE),
    },
    Pair {
        name: "revoke answers 204 without a body instead of 200",
        before: &[],
        after: &[
            Move(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/200",
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/204",
            ),
            Remove(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/204/content",
            ),
        ],
        consumer: Some(README_REVOKE),
    },
    Pair {
        name: "create answers 200 instead of 201",
        before: &[],
        after: &[Move(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/post/responses/201",
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/post/responses/200",
        )],
        consumer: Some(README_CREATE),
    },
    Pair {
        name: "the error body of list changes to another schema",
        before: &[],
        after: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/responses/403",
            "description: Access is forbidden.\ncontent:\n  application/json:\n    schema:\n      type: object\n      properties:\n        reason:\n          type: string\n",
        )],
        consumer: Some(LIST_ERROR_MESSAGE),
    },
    // --- Answers of several types (one enum per operation: codegen's
    // `response_groups`).
    Pair {
        name: "revoke may answer 202 with another body: its answers become one enum",
        before: &[],
        after: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/202",
            "description: Revocation queued.\ncontent:\n  application/json:\n    schema:\n      type: object\n      required: [job]\n      properties:\n        job:\n          type: string\n",
        )],
        consumer: Some(README_REVOKE),
    },
    Pair {
        name: "an answer without a body added to revoke's answers of several types",
        before: &[Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/202",
            "description: Revocation queued.\ncontent:\n  application/json:\n    schema:\n      type: object\n      required: [job]\n      properties:\n        job:\n          type: string\n",
        )],
        after: &[
            Set(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/202",
                "description: Revocation queued.\ncontent:\n  application/json:\n    schema:\n      type: object\n      required: [job]\n      properties:\n        job:\n          type: string\n",
            ),
            Set(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/204",
                "description: Already revoked.\n",
            ),
        ],
        consumer: Some(REVOKE_ANSWERS),
    },
    // --- Outside the generated code.
    Pair {
        name: "a server changed",
        before: &[],
        after: &[Set("/servers/1/url", "https://dash.quantgov.cloud/v2")],
        consumer: None,
    },
    Pair {
        name: "the security scheme's bearer format changed",
        before: &[],
        after: &[Set(
            "/components/securitySchemes/BearerAuth/bearerFormat",
            "opaque",
        )],
        consumer: None,
    },
    Pair {
        name: "the API version bumped",
        before: &[],
        // The version is our document's, and no longer sent as a header
        // (codegen's `no_api_version`).
        after: &[Set("/info/version", "1.1.0")],
        consumer: None,
    },
    Pair {
        name: "a schema renamed",
        before: &[],
        after: &[
            Move(
                "/components/schemas/RevokedToken",
                "/components/schemas/Revocation",
            ),
            Set(
                "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/responses/200/content/application~1json/schema/$ref",
                "'#/components/schemas/Revocation'",
            ),
        ],
        consumer: Some(MOCK_REVOKED),
    },
];
