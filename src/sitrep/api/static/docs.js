// The OpenAPI page: Swagger UI over this server's /openapi.json (kept out of docs.html so the
// content security policy can forbid inline scripts).
window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
