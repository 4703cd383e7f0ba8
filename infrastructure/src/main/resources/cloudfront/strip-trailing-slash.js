// CloudFront viewer-request function (cloudfront-js-2.0): drops one trailing slash from the path,
// so GET /api/v1/instance/ reaches the HTTP API's GET /api/v1/instance route, as Rails serves it
// on Mastodon (Mastodon.py asks exactly that to learn the version). The query string is not in
// request.uri and passes unchanged. The local stack does the same in HttpApiServer.originPath.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.length > 1 && uri.charAt(uri.length - 1) === '/') {
    request.uri = uri.substring(0, uri.length - 1);
  }
  return request;
}
